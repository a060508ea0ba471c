Page({ data: {"icons": ["success", "success_no_circle", "info", "warn", "waiting", "cancel", "download", "search", "clear"]} })
