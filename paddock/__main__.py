from paddock.cli import main

raise SystemExit(main())
