#ifndef FREIGHTLINE_CLIBYAML_SHIM_H
#define FREIGHTLINE_CLIBYAML_SHIM_H
#include <yaml.h>
#endif
