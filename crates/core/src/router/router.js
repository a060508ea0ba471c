// The router's members of wx: navigateTo (with the EventChannel between the two pages),
// redirectTo, reLaunch, switchTab, navigateBack. The Simulator's page stack (mod.rs beside
// this file) carries them out. Loaded after runtime-js/framework.js.
void function () {
  'use strict';

  var kit = __wxemuKit;

  kit.define('navigateTo', function (o) {
    var channel = kit.openChannel((o || {}).events);
    return kit.asyncApi('navigateTo', o, { url: String((o || {}).url), channel: channel });
  });
  ['redirectTo', 'reLaunch', 'switchTab'].forEach(function (name) {
    kit.define(name, function (o) { return kit.asyncApi(name, o, { url: String((o || {}).url) }); });
  });
  kit.define('navigateBack', function (o) {
    var delta = o && o.delta !== undefined ? Number(o.delta) : 1;
    return kit.asyncApi('navigateBack', o, { delta: delta });
  });
}();
