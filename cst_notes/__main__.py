from cst_notes.app import main

raise SystemExit(main())
