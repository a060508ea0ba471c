const range = (from, to) => Array.from({ length: to - from + 1 }, (_, i) => from + i)
Page({
  data: {
    countries: ['中国', '美国', '巴西', '日本'],
    country: 2,
    years: range(2020, 2030),
    months: range(1, 12),
    days: range(1, 31),
    date: [6, 10, 22]
  }
})
