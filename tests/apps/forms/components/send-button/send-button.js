Component({ behaviors: ['wx://form-field-button'], properties: { formType: { type: String, value: 'submit' } } })
