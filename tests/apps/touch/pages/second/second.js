Page({ onShow() { console.log("second shown") } })
