// Registration half of the framework: Page(), Component() and Behavior() record the
// definition a script makes, and __wxemuInitialData() computes the data a page starts with
// (data, plus property defaults and behaviors' data for pages built with Component()).
var __wxemuDefinition = null;

function Page(options) {
  __wxemuDefinition = { kind: 'page', options: options || {} };
}

function Component(options) {
  __wxemuDefinition = { kind: 'component', options: options || {} };
}

function Behavior(options) {
  return { __behavior: true, options: options || {} };
}

function __wxemuPropertyDefault(prop) {
  var type = prop && typeof prop === 'object' && !Array.isArray(prop) ? prop.type : prop;
  if (prop && typeof prop === 'object' && 'value' in prop) return prop.value;
  if (type === String) return '';
  if (type === Number) return 0;
  if (type === Boolean) return false;
  if (type === Array) return [];
  return null;
}

function __wxemuCollectData(options, into) {
  var behaviors = options.behaviors || [];
  for (var i = 0; i < behaviors.length; i++) {
    if (behaviors[i] && behaviors[i].__behavior) __wxemuCollectData(behaviors[i].options, into);
  }
  var props = options.properties || {};
  for (var name in props) into[name] = __wxemuPropertyDefault(props[name]);
  var data = options.data || {};
  for (var key in data) into[key] = data[key];
  return into;
}

function __wxemuInitialData() {
  if (!__wxemuDefinition) throw new Error('the page script called neither Page() nor Component()');
  return JSON.stringify(__wxemuCollectData(__wxemuDefinition.options, {}));
}
