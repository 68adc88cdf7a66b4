#!/bin/bash
hadoop fs -rm -r -f /user/batch/stage/point_history
hadoop fs -mkdir -p /user/batch/stage/point_history
