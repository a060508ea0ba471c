Component({ externalClasses: ['tag-class'], properties: { label: String } })
