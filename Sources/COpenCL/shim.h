// COpenCL: the one module that imports the OpenCL C API (through the ICD loader libOpenCL.so).
//
// CL_TARGET_OPENCL_VERSION must be defined before the header: without it cl.h warns, and with
// 120 the OpenCL 2.x/3.0 entry points (e.g. clCreateProgramWithIL) vanish.
#ifndef DRC_COPENCL_SHIM_H
#define DRC_COPENCL_SHIM_H

#define CL_TARGET_OPENCL_VERSION 300
#include <CL/cl.h>

#endif
