Component({ properties: { labels: Array } })
