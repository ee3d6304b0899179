from zicht.cli import main

main()
