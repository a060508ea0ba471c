Page({ data: { modes: ["scaleToFill", "aspectFit", "aspectFill", "widthFix", "heightFix", "center", "top left", "bottom right"] } })
