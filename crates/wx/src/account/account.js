// The account's own member of wx: requirePrivacyAuthorize, answered by the client's own
// privacy popup (like any dialog: --answer privacy=agree) or, when the app listens with
// wx.onNeedPrivacyAuthorization, by the app's popup, whose resolve({ event: 'agree' |
// 'disagree' }) answers. The other account APIs need no JS of their own
// (crates/wx/src/apis.rs declares them). Loaded after runtime-js/framework.js.
void function () {
  'use strict';

  var kit = __wxemuKit;

  kit.define('requirePrivacyAuthorize', function (o) {
    var listeners = kit.listeners('NeedPrivacyAuthorization');
    if (!listeners.length || !kit.syncApi('getPrivacySetting').needAuthorization) return kit.checkedApi('requirePrivacyAuthorize', o, {});
    var answered;
    var answer = new Promise(function (resolve) { answered = resolve; });
    var resolve = function (r) { answered(r && r.event === 'agree' ? 'agree' : 'disagree'); };
    kit.run(listeners[listeners.length - 1], [resolve, { referrer: 'requirePrivacyAuthorize' }], 'wx.onNeedPrivacyAuthorization listener');
    return answer.then(function (given) { return kit.asyncApi('requirePrivacyAuthorize', o, { answer: given }); });
  });
}();
