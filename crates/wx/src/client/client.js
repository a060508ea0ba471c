// The client's own member of wx: getExtConfigSync (ext.json's extConfig). The other client
// APIs need no JS of their own (crates/wx/src/apis.rs declares them). Loaded after
// runtime-js/framework.js.
void function () {
  'use strict';

  var kit = __wxemuKit;

  kit.define('getExtConfigSync', function () { return kit.syncApi('getExtConfigSync').extConfig; });
}();
