Page({ data: {"text": "Mini programs run their logic in a JavaScript engine and render pages in a web view; the two halves talk in JSON through setData and events.", "short": "Aligned text"} })
