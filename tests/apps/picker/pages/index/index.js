Page({
  data: {
    fruits: ['苹果', '香蕉', '橙子', '葡萄'],
    fruit: 1,
    places: [[{ name: '北京' }, { name: '上海' }], [{ name: '东城区' }, { name: '西城区' }, { name: '朝阳区' }]],
    place: [1, 2],
    time: '09:30',
    date: '2024-02-29',
  },
  onFruit(e) { console.log('change fruit', e.detail.value); this.setData({ fruit: e.detail.value }) },
  onCancel() { console.log('cancel fruit') },
  onPlace(e) { console.log('change place', JSON.stringify(e.detail.value)); this.setData({ place: e.detail.value }) },
  onColumn(e) { console.log('columnchange', e.detail.column, e.detail.value) },
  onTime(e) { console.log('change time', e.detail.value); this.setData({ time: e.detail.value }) },
  onDate(e) { console.log('change date', e.detail.value); this.setData({ date: e.detail.value }) },
  onMonth(e) { console.log('change month', e.detail.value) },
})
