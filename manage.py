#!/usr/bin/env python
from jumelage.cli import main

if __name__ == "__main__":
    main()
