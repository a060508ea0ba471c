// The prompts' own members of wx: showToast (which says so when it is given an image it
// does not show) and showActionSheet (six items at most). The other prompt APIs need no JS
// of their own (crates/wx/src/apis.rs declares them); the Simulator (mod.rs beside this
// file) shows them all. Loaded after runtime-js/framework.js.
void function () {
  'use strict';

  var kit = __wxemuKit;

  kit.define('showToast', function (o) {
    if (o && o.image !== undefined) console.warn('not supported by wxemu yet: wx.showToast image (the toast shows its icon instead)');
    return kit.checkedApi('showToast', o, { title: 'String!', icon: 'String', duration: 'Number', mask: 'Boolean' });
  });

  kit.define('showActionSheet', function (o) {
    if (o && Array.isArray(o.itemList) && o.itemList.length > 6) {
      return kit.asyncApi('showActionSheet', o, { error: 'showActionSheet:fail parameter error: itemList should not be large than 6' });
    }
    return kit.checkedApi('showActionSheet', o, { itemList: 'Array!', itemColor: 'String', alertText: 'String' });
  });
}();
