Page({ data: { colors: ["#1AAD19", "#2782D7", "#F76260", "#FFBE00", "#7A4DF5"] } })
