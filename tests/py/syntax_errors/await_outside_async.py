def not_async():
    return await something()
