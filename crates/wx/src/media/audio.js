// Audio in the logic layer: wx.createInnerAudioContext() and wx.getBackgroundAudioManager().
// Nothing is heard: the state (paused, currentTime, duration) and the events (canplay, play,
// timeUpdate every 250 ms, pause, seeking/seeked, stop, ended, error) follow the app's calls
// on the virtual clock. The duration is read from the file's header for a package or local
// file (WAV exactly; MP3 from its first frame's bit rate, exact for constant bit rates); a
// network file's is unknown (0), so it plays until paused or stopped. Loaded after
// framework.js and binary.js.
void function (global) {
  'use strict';

  var kit = __wxemuKit;
  var TICK_MS = 250;

  // The duration in seconds of the audio file at `src`, or 0 when it cannot be told.
  function durationOf(src) {
    if (/^https?:\/\//.test(src)) return 0;
    var bytes;
    try { bytes = new Uint8Array(global.wx.getFileSystemManager().readFileSync(src)); } catch (e) { return -1; }
    var text = function (at, n) { return String.fromCharCode.apply(null, bytes.subarray(at, at + n)); };
    var u32 = function (at) { return bytes[at] | bytes[at + 1] << 8 | bytes[at + 2] << 16 | (bytes[at + 3] << 24 >>> 0); };
    if (text(0, 4) === 'RIFF' && text(8, 4) === 'WAVE') {
      var byteRate = 0;
      for (var at = 12; at + 8 <= bytes.length;) {
        var id = text(at, 4), size = u32(at + 4);
        if (id === 'fmt ') byteRate = u32(at + 16);
        if (id === 'data' && byteRate) return size / byteRate;
        at += 8 + size + (size & 1);
      }
      return 0;
    }
    var start = 0;
    if (text(0, 3) === 'ID3') start = 10 + ((bytes[6] & 0x7f) << 21 | (bytes[7] & 0x7f) << 14 | (bytes[8] & 0x7f) << 7 | (bytes[9] & 0x7f));
    for (var i = start; i + 4 <= bytes.length; i++) {
      if (bytes[i] !== 0xff || (bytes[i + 1] & 0xe0) !== 0xe0) continue;
      var mpeg1 = (bytes[i + 1] & 0x18) === 0x18;
      var rates = mpeg1 ? [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320] : [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];
      var kbps = rates[bytes[i + 2] >> 4];
      if (kbps) return (bytes.length - i) * 8 / (kbps * 1000);
    }
    return 0;
  }

  // A player: `fields` are its own settable properties; `events` its onX/offX pairs.
  function makePlayer(className, fields, events) {
    var listeners = {};
    var state = { paused: true, currentTime: 0, duration: 0, buffered: 0, ready: false, timer: 0, destroyed: false };
    var player = {};
    var emit = function (name, payload) {
      (listeners[name] || []).slice().forEach(function (fn) { kit.run(fn, [payload === undefined ? {} : payload], className + '.on' + name + ' listener'); });
    };
    var later = function (fn) { global.setTimeout(fn, 0); };
    var stopTicking = function () { if (state.timer) global.clearInterval(state.timer); state.timer = 0; };
    var tick = function () {
      state.currentTime += TICK_MS / 1000 * (player.playbackRate || 1);
      if (state.duration > 0 && state.currentTime >= state.duration) {
        if (player.loop) {
          state.currentTime = 0;
        } else {
          state.currentTime = state.duration;
          stopTicking();
          state.paused = true;
          emit('TimeUpdate');
          emit('Ended');
          return;
        }
      }
      emit('TimeUpdate');
    };
    events.forEach(function (event) {
      player['on' + event] = function (fn) { if (typeof fn === 'function') (listeners[event] = listeners[event] || []).push(fn); };
      player['off' + event] = function (fn) { listeners[event] = fn === undefined ? [] : (listeners[event] || []).filter(function (l) { return l !== fn; }); };
    });
    ['paused', 'currentTime', 'duration', 'buffered'].forEach(function (name) {
      Object.defineProperty(player, name, { enumerable: true, get: function () { return state[name]; } });
    });
    var src = '';
    Object.defineProperty(player, 'src', {
      enumerable: true,
      get: function () { return src; },
      set: function (value) {
        stopTicking();
        src = String(value || '');
        state.paused = true;
        state.ready = false;
        state.currentTime = 0;
        if (player.__onSource) player.__onSource();
      }
    });
    for (var name in fields) player[name] = fields[name];
    player.play = function () {
      if (state.destroyed) return;
      if (!src) return later(function () { emit('Error', { errCode: 10004, errMsg: 'play: src is empty' }); });
      if (!state.ready) {
        var seconds = durationOf(src);
        if (seconds < 0) return later(function () { emit('Error', { errCode: 10002, errMsg: 'no such file: ' + src }); });
        state.ready = true;
        state.duration = seconds;
        state.buffered = seconds;
        state.currentTime = Math.min(player.startTime || 0, seconds || Infinity);
        later(function () { emit('Canplay'); });
      }
      if (!state.paused) return;
      state.paused = false;
      later(function () { emit('Play'); });
      state.timer = global.setInterval(tick, TICK_MS);
    };
    player.pause = function () {
      if (state.paused) return;
      stopTicking();
      state.paused = true;
      later(function () { emit('Pause'); });
    };
    player.stop = function () {
      stopTicking();
      state.paused = true;
      state.currentTime = 0;
      later(function () { emit('Stop'); });
    };
    player.seek = function (position) {
      emit('Seeking');
      state.currentTime = Math.max(0, Math.min(Number(position) || 0, state.duration || Infinity));
      later(function () { emit('Seeked'); });
    };
    return { player: player, state: state, stopTicking: stopTicking, listeners: listeners, emit: emit };
  }

  var INNER_EVENTS = ['Canplay', 'Play', 'Pause', 'Stop', 'Ended', 'TimeUpdate', 'Error', 'Waiting', 'Seeking', 'Seeked'];
  kit.define('createInnerAudioContext', function () {
    var made = makePlayer('InnerAudioContext', { startTime: 0, autoplay: false, loop: false, obeyMuteSwitch: true, volume: 1, playbackRate: 1, referrerPolicy: 'origin' }, INNER_EVENTS);
    var player = made.player;
    player.__onSource = function () { if (player.autoplay) player.play(); };
    player.destroy = function () {
      made.stopTicking();
      made.state.destroyed = true;
      INNER_EVENTS.forEach(function (event) { made.listeners[event] = []; });
    };
    return kit.loud(player, 'InnerAudioContext');
  });

  // The one background player: setting `src` starts it (after `title`, which the platform
  // requires), and it keeps playing across pages.
  var background = null;
  kit.define('getBackgroundAudioManager', function () {
    if (background) return background;
    var made = makePlayer('BackgroundAudioManager', { startTime: 0, title: '', epname: '', singer: '', coverImgUrl: '', webUrl: '', protocol: 'http', playbackRate: 1, referrerPolicy: 'origin' },
      INNER_EVENTS.concat(['Next', 'Prev']));
    var player = made.player;
    player.__onSource = function () {
      if (!player.src) return;
      if (!player.title) {
        global.setTimeout(function () { made.emit('Error', { errCode: 10004, errMsg: 'title is required before src is set' }); }, 0);
        return;
      }
      player.play();
    };
    background = kit.loud(player, 'BackgroundAudioManager');
    return background;
  });
}(globalThis);
