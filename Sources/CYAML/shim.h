#ifndef ARGO_LITE_CYAML_SHIM_H
#define ARGO_LITE_CYAML_SHIM_H
#include <yaml.h>
#endif
