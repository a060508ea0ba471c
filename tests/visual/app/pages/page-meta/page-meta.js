Page({ data: { title: 'Set by navigation-bar', loading: true } })
