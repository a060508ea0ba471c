Component({ behaviors: ['wx://component-export'], export() { return { exported: true } } })
