Component({ properties: { value: Number as any } })
