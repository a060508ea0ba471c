Page({ data: {"modes": ["flex-start", "center", "flex-end", "space-between", "space-around", "space-evenly"]} })
