import sys

from sitegen import main

sys.exit(main())
