ls
hive
