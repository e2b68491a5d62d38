from webpub.cli import main

raise SystemExit(main())
