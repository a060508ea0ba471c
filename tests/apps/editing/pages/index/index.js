Page({ data: { notes: '', line: '' } })
