export const greet = (who) => `hello ${who}`
export default function shout(text) { return text.toUpperCase() }
