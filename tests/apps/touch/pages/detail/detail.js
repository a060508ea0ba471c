Page({ onUnload() { console.log("detail unloaded") } })
