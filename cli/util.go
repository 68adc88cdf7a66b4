package cli

import "io"

var io_ReadAll = io.ReadAll
