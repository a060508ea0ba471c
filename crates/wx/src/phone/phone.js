// What the app reports (reportEvent, reportAnalytics, reportMonitor) is kept by the phone
// for tests (nothing is sent anywhere). The phone's other APIs need no JS of their own
// (crates/wx/src/apis.rs declares them). Loaded after runtime-js/framework.js.
void function () {
  'use strict';

  var kit = __wxemuKit;

  kit.define('reportEvent', function (eventId, data) { kit.syncApi('reportEvent', { name: String(eventId), data: data || {} }); });
  kit.define('reportAnalytics', function (name, data) { kit.syncApi('reportAnalytics', { name: String(name), data: data || {} }); });
  kit.define('reportMonitor', function (name, value) { kit.syncApi('reportMonitor', { name: String(name), data: value }); });
}();
