test('opens', () => { const app = wxemu.launch({ project: '..' }); app.currentPage().$('#p').tap(); expect(app.prompts()[0].columns[0].length).toBe(10001); });
