Page({
  data: {
    html: '<div><h3>富文本标题</h3><p>一段 <b>加粗</b>、<i>斜体</i>、<u>下划线</u> 和 <del>删除线</del> 的文字，&lt;标签&gt; 与&nbsp;实体。</p><ul><li>第一项</li><li>第二项</li></ul><p class="note">class 来自页面的样式</p></div>',
    nodes: [
      { name: 'div', attrs: { class: 'quote', style: 'margin-bottom: 8px;' }, children: [{ type: 'text', text: 'Quoted text from a nodes array.' }] },
      { name: 'p', attrs: { style: 'color: #fa5151; margin: 0;' }, children: [{ type: 'text', text: 'Red paragraph, ' }, { name: 'strong', children: [{ type: 'text', text: 'strong' }] }, { type: 'text', text: ' inside.' }] },
      { name: 'script', children: [{ type: 'text', text: 'not shown: untrusted tags go away with their content' }] }
    ]
  }
})
