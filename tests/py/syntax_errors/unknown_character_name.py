# An unknown name in a \N{...} escape: CPython's unicodeescape error and position.
x = 'caf\u00e9 \N{NO SUCH CHARACTER NAME}'
