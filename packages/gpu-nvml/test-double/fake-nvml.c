/*
 * A fake libnvidia-ml.so.1 for @aima/gpu-nvml's tests and benchmark.
 *
 * It declares its own minimal types from the layouts in the project's NVML reference (it does not
 * copy NVIDIA's header) and serves simulated devices described by a JSON file:
 *   1. `fake-nvml.json` next to the loaded library (found with dladdr), else
 *   2. the file named by the FAKE_NVML_CONFIG environment variable, else
 *   3. two default devices.
 * The file is read once per loaded copy of the library, on the first call. A syntax error makes
 * nvmlInit return NVML_ERROR_UNKNOWN and fake_nvml_config_error() say why.
 *
 * Faults: any function returning any code (`returns`, per device or global, "*" = every device
 * function), GPU lost after N device calls, a queue of XID events, ECC counters rising per read,
 * a temperature ramp per read, and process records of 16, 24 or 32 bytes.
 *
 * Variants chosen at compile time (-D):
 *   (none)            a current driver: every symbol, 24-byte records from _v3;
 *   FAKE_VARIANT_R535 an R535 driver: _v3 writes 32-byte records without a version bump and
 *                     nvmlDeviceGetRunningProcessDetailList is missing;
 *   FAKE_VARIANT_LEGACY an old driver: no _v2/_v3 symbols, no MemoryInfo_v2, TemperatureV,
 *                     PciInfo_v3, MigMode or EnforcedPowerLimit.
 * All state sits behind one mutex: koffi's async calls run on worker threads.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <time.h>
#include <unistd.h>

#include "fake-json.h"

#if !defined(FAKE_VARIANT_LEGACY)
#define FAKE_HAS_VERSIONED 1
#endif

enum {
  OK = 0,
  E_UNINITIALIZED = 1,
  E_INVALID_ARGUMENT = 2,
  E_NOT_SUPPORTED = 3,
  E_NOT_FOUND = 6,
  E_INSUFFICIENT_SIZE = 7,
  E_TIMEOUT = 10,
  E_GPU_IS_LOST = 15,
  E_ARGUMENT_VERSION_MISMATCH = 25,
  E_UNKNOWN = 999,
};

#define NA_U64 0xFFFFFFFFFFFFFFFFULL
#define MIB (1024ULL * 1024ULL)
#define MAX_DEVICES 64
#define MAX_PROCESSES 32
#define MAX_OVERRIDES 128
#define MAX_EVENTS 1024
#define MAX_SETS 16
#define MEMORY_V2_VERSION (40u | (2u << 24))
#define TEMPERATURE_V1_VERSION (12u | (1u << 24))

typedef int nvml_return;
typedef struct fake_device *nvml_device;
typedef struct fake_event_set *nvml_event_set;

/* Layouts, x86_64 (reference §1.4). */
typedef struct {
  char bus_id_legacy[16];
  unsigned domain, bus, device, pci_device_id, pci_subsystem_id;
  char bus_id[32];
} fake_pci_info;
typedef struct { unsigned long long total, free, used; } fake_memory_v1;
typedef struct { unsigned version; unsigned long long total, reserved, free, used; } fake_memory_v2;
typedef struct { unsigned gpu, memory; } fake_utilization;
typedef struct { unsigned version, sensor_type; int temperature; } fake_temperature_v1;
typedef struct { unsigned pid; unsigned long long used_gpu_memory; } fake_process_v1;
typedef struct { unsigned pid; unsigned long long used_gpu_memory; unsigned gpu_instance_id, compute_instance_id; } fake_process_v2;
typedef struct { fake_process_v2 v2; unsigned long long used_gpu_cc_protected_memory; } fake_process_r535;
typedef struct {
  nvml_device device;
  unsigned long long event_type, event_data;
  unsigned gpu_instance_id, compute_instance_id;
} fake_event_data;

typedef struct { char function[80]; int device; int rc; } fake_override;
typedef struct { unsigned pid; long long used_mib; char name[256]; } fake_process;

struct fake_device {
  int index;
  char name[96], uuid[96], bus_id[32];
  unsigned pci_device_id;
  unsigned long long total, used, reserved;
  unsigned utilization_gpu, utilization_memory;
  double temperature, temperature_step, temperature_max;
  unsigned long long temperature_reads;
  unsigned slowdown, shutdown, power_mw, power_limit_mw, clocks[4];
  int cc_major, cc_minor, mig_mode, ecc_enabled, handle_rc;
  double ecc_corrected, ecc_corrected_step, ecc_uncorrected, ecc_uncorrected_step;
  unsigned long long ecc_corrected_reads, ecc_uncorrected_reads;
  unsigned retired_single, retired_double, retired_pending;
  fake_process processes[MAX_PROCESSES];
  int process_count;
  unsigned long long calls, lost_after, supported_events;
};

typedef struct { int device; unsigned long long type, data; unsigned gpu_instance_id, compute_instance_id; } fake_event;
struct fake_event_set { int in_use; unsigned long long masks[MAX_DEVICES]; };

static pthread_mutex_t g_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t g_event_ready = PTHREAD_COND_INITIALIZER;
static int g_loaded, g_init_count, g_init_rc, g_cuda_version, g_record_bytes, g_device_count, g_override_count, g_event_count;
static char g_driver[80], g_nvml_version[80], g_config_error[512];
static unsigned long long g_global_calls;
static struct fake_device g_devices[MAX_DEVICES];
static fake_override g_overrides[MAX_OVERRIDES];
static fake_event g_events[MAX_EVENTS];
static struct fake_event_set g_sets[MAX_SETS];

/* ---------------------------------------------------------------- configuration */

static void add_override(const char *function, int device, int rc) {
  for (int i = 0; i < g_override_count; i++) {
    if (g_overrides[i].device == device && strcmp(g_overrides[i].function, function) == 0) {
      g_overrides[i].rc = rc;
      return;
    }
  }
  if (g_override_count == MAX_OVERRIDES) return;
  fake_override *o = &g_overrides[g_override_count++];
  snprintf(o->function, sizeof o->function, "%s", function);
  o->device = device;
  o->rc = rc;
}

static void add_event(int device, unsigned long long type, unsigned long long data) {
  if (g_event_count == MAX_EVENTS) return;
  g_events[g_event_count++] = (fake_event){ device, type, data, 0xFFFFFFFFu, 0xFFFFFFFFu };
  pthread_cond_broadcast(&g_event_ready);
}

static void load_overrides(const fj_node *returns, int device) {
  if (returns == NULL || returns->type != FJ_OBJECT) return;
  for (const fj_node *member = returns->child; member != NULL; member = member->next)
    if (member->type == FJ_NUMBER) add_override(member->key, device, (int)member->number);
}

static void load_processes(struct fake_device *d, const fj_node *list) {
  d->process_count = 0;
  if (list == NULL || list->type != FJ_ARRAY) return;
  for (const fj_node *item = list->child; item != NULL && d->process_count < MAX_PROCESSES; item = item->next) {
    fake_process *p = &d->processes[d->process_count++];
    p->pid = (unsigned)fj_number_or(item, "pid", 1000 + d->process_count);
    p->used_mib = (long long)fj_number_or(item, "usedMiB", 0);
    fj_copy_string(item, "name", p->name, sizeof p->name, "python3");
  }
}

static void load_ecc(struct fake_device *d, const fj_node *ecc) {
  d->ecc_enabled = (int)fj_number_or(ecc, "enabled", 0);
  d->ecc_corrected = fj_number_or(ecc, "corrected", 0);
  d->ecc_corrected_step = fj_number_or(ecc, "correctedStep", 0);
  d->ecc_uncorrected = fj_number_or(ecc, "uncorrected", 0);
  d->ecc_uncorrected_step = fj_number_or(ecc, "uncorrectedStep", 0);
  d->retired_single = (unsigned)fj_number_or(ecc, "retiredSingleBit", 0);
  d->retired_double = (unsigned)fj_number_or(ecc, "retiredDoubleBit", 0);
  d->retired_pending = (unsigned)fj_number_or(ecc, "retiredPending", 0);
}

static void load_pair(const fj_node *object, const char *key, int *first, int *second) {
  const fj_node *list = fj_get(object, key);
  if (list == NULL || list->type != FJ_ARRAY) return;
  const fj_node *item = list->child;
  if (item != NULL && item->type == FJ_NUMBER) *first = (int)item->number;
  if (item != NULL && item->next != NULL && item->next->type == FJ_NUMBER) *second = (int)item->next->number;
}

static void load_clocks(struct fake_device *d, const fj_node *json) {
  const unsigned defaults[4] = { 1410, 1410, 1593, 1275 };
  memcpy(d->clocks, defaults, sizeof defaults);
  const fj_node *list = fj_get(json, "clocksMHz");
  int i = 0;
  for (const fj_node *item = list != NULL && list->type == FJ_ARRAY ? list->child : NULL; item != NULL && i < 4; item = item->next)
    if (item->type == FJ_NUMBER) d->clocks[i++] = (unsigned)item->number;
}

static void load_xids(int device, const fj_node *xids) {
  if (xids == NULL || xids->type != FJ_ARRAY) return;
  for (const fj_node *item = xids->child; item != NULL; item = item->next)
    if (item->type == FJ_NUMBER) add_event(device, 0x8ULL, (unsigned long long)item->number);
}

static void load_device(struct fake_device *d, int index, const fj_node *json) {
  char uuid[96], bus_id[32];
  snprintf(uuid, sizeof uuid, "GPU-fa4e%04x-0000-4000-8000-%012d", (unsigned)index, index);
  snprintf(bus_id, sizeof bus_id, "00000000:%02X:00.0", (unsigned)(index + 1));
  memset(d, 0, sizeof *d);
  d->index = index;
  fj_copy_string(json, "name", d->name, sizeof d->name, "NVIDIA Fake GPU");
  fj_copy_string(json, "uuid", d->uuid, sizeof d->uuid, uuid);
  fj_copy_string(json, "pciBusId", d->bus_id, sizeof d->bus_id, bus_id);
  d->pci_device_id = (unsigned)fj_number_or(json, "pciDeviceId", 0x20B010DE);
  d->total = (unsigned long long)fj_number_or(json, "memoryTotalMiB", 24576) * MIB;
  d->used = (unsigned long long)fj_number_or(json, "memoryUsedMiB", 0) * MIB;
  d->reserved = (unsigned long long)fj_number_or(json, "memoryReservedMiB", 0) * MIB;
  d->utilization_gpu = (unsigned)fj_number_or(json, "utilizationGpu", 0);
  d->utilization_memory = (unsigned)fj_number_or(json, "utilizationMemory", 0);
  d->temperature = fj_number_or(json, "temperatureC", 40);
  d->temperature_step = fj_number_or(json, "temperatureStepC", 0);
  d->temperature_max = fj_number_or(json, "temperatureMaxC", 200);
  d->slowdown = (unsigned)fj_number_or(json, "slowdownC", 87);
  d->shutdown = (unsigned)fj_number_or(json, "shutdownC", 92);
  d->power_mw = (unsigned)fj_number_or(json, "powerMilliwatts", 50000);
  d->power_limit_mw = (unsigned)fj_number_or(json, "powerLimitMilliwatts", 300000);
  d->cc_major = 8;
  d->cc_minor = 6;
  load_pair(json, "computeCapability", &d->cc_major, &d->cc_minor);
  d->mig_mode = (int)fj_number_or(json, "migMode", 0);
  d->handle_rc = (int)fj_number_or(json, "handleReturn", 0);
  d->lost_after = (unsigned long long)fj_number_or(json, "lostAfterCalls", 0);
  d->supported_events = (unsigned long long)fj_number_or(json, "supportedEvents", 0xB);
  load_clocks(d, json);
  load_ecc(d, fj_get(json, "ecc"));
  load_processes(d, fj_get(json, "processes"));
  load_overrides(fj_get(json, "returns"), index);
  load_xids(index, fj_get(json, "xids"));
}

static char *read_file(const char *path) {
  FILE *file = fopen(path, "rb");
  if (file == NULL) return NULL;
  char *text = calloc(1, 1024 * 1024 + 1);
  size_t length = text == NULL ? 0 : fread(text, 1, 1024 * 1024, file);
  fclose(file);
  if (text != NULL) text[length] = '\0';
  return text;
}

static void config_path(char *out, size_t size) {
  Dl_info info;
  out[0] = '\0';
  if (dladdr((void *)&config_path, &info) != 0 && info.dli_fname != NULL) {
    const char *slash = strrchr(info.dli_fname, '/');
    if (slash != NULL) {
      snprintf(out, size, "%.*s/fake-nvml.json", (int)(slash - info.dli_fname), info.dli_fname);
      if (access(out, R_OK) == 0) return;
    }
  }
  const char *env = getenv("FAKE_NVML_CONFIG");
  snprintf(out, size, "%s", env != NULL ? env : "");
}

static void load_root(const fj_node *root) {
#if defined(FAKE_VARIANT_R535)
  g_record_bytes = (int)fj_number_or(root, "processRecordBytes", 32);
#else
  g_record_bytes = (int)fj_number_or(root, "processRecordBytes", 24);
#endif
  fj_copy_string(root, "driverVersion", g_driver, sizeof g_driver, "550.54.15");
  fj_copy_string(root, "nvmlVersion", g_nvml_version, sizeof g_nvml_version, "12.550.54.15");
  g_cuda_version = (int)fj_number_or(root, "cudaDriverVersion", 12040);
  g_init_rc = (int)fj_number_or(root, "initReturn", 0);
  load_overrides(fj_get(root, "returns"), -1);
  const fj_node *devices = fj_get(root, "devices");
  g_device_count = 0;
  if (devices == NULL) {
    for (int i = 0; i < 2; i++) load_device(&g_devices[g_device_count++], i, NULL);
    return;
  }
  for (const fj_node *item = devices->type == FJ_ARRAY ? devices->child : NULL; item != NULL && g_device_count < MAX_DEVICES; item = item->next)
    load_device(&g_devices[g_device_count], g_device_count, item), g_device_count++;
}

/* Called with g_lock held. */
static void ensure_loaded(void) {
  char path[4096];
  if (g_loaded) return;
  g_loaded = 1;
  config_path(path, sizeof path);
  char *text = path[0] == '\0' ? NULL : read_file(path);
  if (path[0] != '\0' && text == NULL) snprintf(g_config_error, sizeof g_config_error, "cannot read %.480s", path);
  fj_node *root = text == NULL ? NULL : fake_json_parse(text, g_config_error, sizeof g_config_error);
  if (root != NULL && root->type != FJ_OBJECT) snprintf(g_config_error, sizeof g_config_error, "the device file must hold a JSON object");
  if (g_config_error[0] == '\0') load_root(root);
  fake_json_free(root);
  free(text);
}

/* ---------------------------------------------------------------- call entry and faults */

/* The injected return code for a call: the device's own entry (exact name, then "*"), else a
 * global one (exact name, then "*" for device calls); OK when none is set. */
static int override_for(const char *function, int device) {
  for (int pass = 0; pass < 2; pass++) {
    int wanted = pass == 0 ? device : -1;
    if (pass == 0 && device < 0) continue;
    for (int i = 0; i < g_override_count; i++)
      if (g_overrides[i].device == wanted && strcmp(g_overrides[i].function, function) == 0) return g_overrides[i].rc;
    for (int i = 0; i < g_override_count; i++)
      if (device >= 0 && g_overrides[i].device == wanted && strcmp(g_overrides[i].function, "*") == 0) return g_overrides[i].rc;
  }
  return OK;
}

static int global_entry(const char *function) {
  ensure_loaded();
  if (g_init_count == 0) return E_UNINITIALIZED;
  g_global_calls++;
  return override_for(function, -1);
}

static int device_entry(const char *function, nvml_device handle, struct fake_device **out) {
  ensure_loaded();
  if (g_init_count == 0) return E_UNINITIALIZED;
  uintptr_t at = (uintptr_t)handle, base = (uintptr_t)g_devices;
  if (at < base || at >= base + sizeof(struct fake_device) * (size_t)g_device_count || (at - base) % sizeof(struct fake_device) != 0)
    return E_INVALID_ARGUMENT;
  struct fake_device *d = (struct fake_device *)handle;
  d->calls++;
  if (d->lost_after > 0 && d->calls > d->lost_after) return E_GPU_IS_LOST;
  int rc = override_for(function, d->index);
  if (rc != OK) return rc;
  *out = d;
  return OK;
}

#define DONE(value)                   \
  do {                                \
    int done_rc = (value);            \
    pthread_mutex_unlock(&g_lock);    \
    return done_rc;                   \
  } while (0)

#define ENTER_GLOBAL()                                 \
  pthread_mutex_lock(&g_lock);                         \
  do {                                                 \
    int entry_rc = global_entry(__func__);             \
    if (entry_rc != OK) DONE(entry_rc);                \
  } while (0)

#define ENTER_DEVICE(handle)                                  \
  struct fake_device *d = NULL;                               \
  pthread_mutex_lock(&g_lock);                                \
  do {                                                        \
    int entry_rc = device_entry(__func__, (handle), &d);      \
    if (entry_rc != OK) DONE(entry_rc);                       \
  } while (0)

static int copy_text(char *out, unsigned length, const char *text) {
  size_t needed = strlen(text) + 1;
  if (out == NULL) return E_INVALID_ARGUMENT;
  if (needed > length) return E_INSUFFICIENT_SIZE;
  memcpy(out, text, needed);
  return OK;
}

/* ---------------------------------------------------------------- init and errors */

static nvml_return init_common(void) {
  pthread_mutex_lock(&g_lock);
  ensure_loaded();
  if (g_config_error[0] != '\0') DONE(E_UNKNOWN);
  if (g_init_rc != OK) DONE(g_init_rc);
  g_init_count++;
  DONE(OK);
}

#ifdef FAKE_HAS_VERSIONED
nvml_return nvmlInit_v2(void) { return init_common(); }
#endif
nvml_return nvmlInit(void) { return init_common(); }
nvml_return nvmlInitWithFlags(unsigned flags) { (void)flags; return init_common(); }

nvml_return nvmlShutdown(void) {
  pthread_mutex_lock(&g_lock);
  if (g_init_count == 0) DONE(E_UNINITIALIZED);
  g_init_count--;
  DONE(OK);
}

const char *nvmlErrorString(nvml_return result) {
  switch (result) {
    case OK: return "Success";
    case E_UNINITIALIZED: return "Uninitialized";
    case E_INVALID_ARGUMENT: return "Invalid Argument";
    case E_NOT_SUPPORTED: return "Not Supported";
    case E_NOT_FOUND: return "Not Found";
    case E_INSUFFICIENT_SIZE: return "Insufficient Size";
    case E_TIMEOUT: return "Timeout";
    case E_GPU_IS_LOST: return "GPU is lost";
    case E_ARGUMENT_VERSION_MISMATCH: return "Argument version mismatch";
    default: return "Unknown Error";
  }
}

/* ---------------------------------------------------------------- system */

nvml_return nvmlSystemGetDriverVersion(char *version, unsigned length) {
  ENTER_GLOBAL();
  DONE(copy_text(version, length, g_driver));
}

nvml_return nvmlSystemGetNVMLVersion(char *version, unsigned length) {
  ENTER_GLOBAL();
  DONE(copy_text(version, length, g_nvml_version));
}

nvml_return nvmlSystemGetCudaDriverVersion(int *version) {
  ENTER_GLOBAL();
  if (version == NULL) DONE(E_INVALID_ARGUMENT);
  *version = g_cuda_version;
  DONE(OK);
}

#ifdef FAKE_HAS_VERSIONED
nvml_return nvmlSystemGetCudaDriverVersion_v2(int *version) {
  ENTER_GLOBAL();
  if (version == NULL) DONE(E_INVALID_ARGUMENT);
  *version = g_cuda_version;
  DONE(OK);
}
#endif

nvml_return nvmlSystemGetProcessName(unsigned pid, char *name, unsigned length) {
  ENTER_GLOBAL();
  for (int i = 0; i < g_device_count; i++)
    for (int j = 0; j < g_devices[i].process_count; j++)
      if (g_devices[i].processes[j].pid == pid) DONE(copy_text(name, length, g_devices[i].processes[j].name));
  DONE(E_NOT_FOUND);
}

/* ---------------------------------------------------------------- enumeration and identity */

static nvml_return count_common(unsigned *count) {
  if (count == NULL) return E_INVALID_ARGUMENT;
  *count = (unsigned)g_device_count;
  return OK;
}

#ifdef FAKE_HAS_VERSIONED
nvml_return nvmlDeviceGetCount_v2(unsigned *count) {
  ENTER_GLOBAL();
  DONE(count_common(count));
}
#endif
nvml_return nvmlDeviceGetCount(unsigned *count) {
  ENTER_GLOBAL();
  DONE(count_common(count));
}

static nvml_return handle_common(unsigned index, nvml_device *device) {
  if (device == NULL || index >= (unsigned)g_device_count) return E_INVALID_ARGUMENT;
  if (g_devices[index].handle_rc != OK) return g_devices[index].handle_rc;
  *device = &g_devices[index];
  return OK;
}

#ifdef FAKE_HAS_VERSIONED
nvml_return nvmlDeviceGetHandleByIndex_v2(unsigned index, nvml_device *device) {
  ENTER_GLOBAL();
  DONE(handle_common(index, device));
}
#endif
nvml_return nvmlDeviceGetHandleByIndex(unsigned index, nvml_device *device) {
  ENTER_GLOBAL();
  DONE(handle_common(index, device));
}

nvml_return nvmlDeviceGetName(nvml_device device, char *name, unsigned length) {
  ENTER_DEVICE(device);
  DONE(copy_text(name, length, d->name));
}

nvml_return nvmlDeviceGetUUID(nvml_device device, char *uuid, unsigned length) {
  ENTER_DEVICE(device);
  DONE(copy_text(uuid, length, d->uuid));
}

nvml_return nvmlDeviceGetIndex(nvml_device device, unsigned *index) {
  ENTER_DEVICE(device);
  if (index == NULL) DONE(E_INVALID_ARGUMENT);
  *index = (unsigned)d->index;
  DONE(OK);
}

#ifdef FAKE_HAS_VERSIONED
nvml_return nvmlDeviceGetPciInfo_v3(nvml_device device, fake_pci_info *pci) {
  ENTER_DEVICE(device);
  if (pci == NULL) DONE(E_INVALID_ARGUMENT);
  memset(pci, 0, sizeof *pci);
  sscanf(d->bus_id, "%x:%x:%x", &pci->domain, &pci->bus, &pci->device);
  snprintf(pci->bus_id, sizeof pci->bus_id, "%s", d->bus_id);
  snprintf(pci->bus_id_legacy, sizeof pci->bus_id_legacy, "%04X:%02X:%02X.0", pci->domain, pci->bus, pci->device);
  pci->pci_device_id = d->pci_device_id;
  DONE(OK);
}

nvml_return nvmlDeviceGetMigMode(nvml_device device, unsigned *current, unsigned *pending) {
  ENTER_DEVICE(device);
  if (current == NULL || pending == NULL) DONE(E_INVALID_ARGUMENT);
  if (d->mig_mode < 0) DONE(E_NOT_SUPPORTED);
  *current = *pending = (unsigned)d->mig_mode;
  DONE(OK);
}
#endif

nvml_return nvmlDeviceGetCudaComputeCapability(nvml_device device, int *major, int *minor) {
  ENTER_DEVICE(device);
  if (major == NULL || minor == NULL) DONE(E_INVALID_ARGUMENT);
  *major = d->cc_major;
  *minor = d->cc_minor;
  DONE(OK);
}

/* ---------------------------------------------------------------- memory, utilisation, thermals, power, clocks */

nvml_return nvmlDeviceGetMemoryInfo(nvml_device device, fake_memory_v1 *memory) {
  ENTER_DEVICE(device);
  if (memory == NULL) DONE(E_INVALID_ARGUMENT);
  memory->total = d->total;
  memory->used = d->used + d->reserved;
  memory->free = d->total - memory->used;
  DONE(OK);
}

#ifdef FAKE_HAS_VERSIONED
nvml_return nvmlDeviceGetMemoryInfo_v2(nvml_device device, fake_memory_v2 *memory) {
  ENTER_DEVICE(device);
  if (memory == NULL) DONE(E_INVALID_ARGUMENT);
  if (memory->version != MEMORY_V2_VERSION) DONE(E_ARGUMENT_VERSION_MISMATCH);
  memory->total = d->total;
  memory->reserved = d->reserved;
  memory->used = d->used;
  memory->free = d->total - d->used - d->reserved;
  DONE(OK);
}
#endif

nvml_return nvmlDeviceGetUtilizationRates(nvml_device device, fake_utilization *utilization) {
  ENTER_DEVICE(device);
  if (utilization == NULL) DONE(E_INVALID_ARGUMENT);
  utilization->gpu = d->utilization_gpu;
  utilization->memory = d->utilization_memory;
  DONE(OK);
}

static int next_temperature(struct fake_device *d) {
  double value = d->temperature + d->temperature_step * (double)d->temperature_reads++;
  if (value > d->temperature_max) value = d->temperature_max;
  return (int)value;
}

nvml_return nvmlDeviceGetTemperature(nvml_device device, unsigned sensor, unsigned *temperature) {
  ENTER_DEVICE(device);
  if (temperature == NULL || sensor != 0) DONE(E_INVALID_ARGUMENT);
  *temperature = (unsigned)next_temperature(d);
  DONE(OK);
}

#ifdef FAKE_HAS_VERSIONED
nvml_return nvmlDeviceGetTemperatureV(nvml_device device, fake_temperature_v1 *temperature) {
  ENTER_DEVICE(device);
  if (temperature == NULL || temperature->sensor_type != 0) DONE(E_INVALID_ARGUMENT);
  if (temperature->version != TEMPERATURE_V1_VERSION) DONE(E_ARGUMENT_VERSION_MISMATCH);
  temperature->temperature = next_temperature(d);
  DONE(OK);
}
#endif

nvml_return nvmlDeviceGetTemperatureThreshold(nvml_device device, unsigned kind, unsigned *temperature) {
  ENTER_DEVICE(device);
  if (temperature == NULL) DONE(E_INVALID_ARGUMENT);
  unsigned value = kind == 0 ? d->shutdown : kind == 1 ? d->slowdown : 0;
  if (value == 0) DONE(E_NOT_SUPPORTED);
  *temperature = value;
  DONE(OK);
}

nvml_return nvmlDeviceGetPowerUsage(nvml_device device, unsigned *power) {
  ENTER_DEVICE(device);
  if (power == NULL) DONE(E_INVALID_ARGUMENT);
  *power = d->power_mw;
  DONE(OK);
}

nvml_return nvmlDeviceGetPowerManagementLimit(nvml_device device, unsigned *limit) {
  ENTER_DEVICE(device);
  if (limit == NULL) DONE(E_INVALID_ARGUMENT);
  *limit = d->power_limit_mw;
  DONE(OK);
}

#ifdef FAKE_HAS_VERSIONED
nvml_return nvmlDeviceGetEnforcedPowerLimit(nvml_device device, unsigned *limit) {
  ENTER_DEVICE(device);
  if (limit == NULL) DONE(E_INVALID_ARGUMENT);
  *limit = d->power_limit_mw;
  DONE(OK);
}
#endif

nvml_return nvmlDeviceGetClockInfo(nvml_device device, unsigned type, unsigned *clock) {
  ENTER_DEVICE(device);
  if (clock == NULL || type > 3) DONE(E_INVALID_ARGUMENT);
  *clock = d->clocks[type];
  DONE(OK);
}

/* ---------------------------------------------------------------- processes */

static nvml_return write_processes(struct fake_device *d, unsigned *count, unsigned char *infos, unsigned record_bytes) {
  unsigned needed = (unsigned)d->process_count;
  if (count == NULL) return E_INVALID_ARGUMENT;
  if (*count < needed || (needed > 0 && infos == NULL)) {
    *count = needed;
    return needed == 0 ? OK : E_INSUFFICIENT_SIZE;
  }
  for (unsigned i = 0; i < needed; i++) {
    const fake_process *p = &d->processes[i];
    unsigned char *record = infos + (size_t)i * record_bytes;
    unsigned long long used = p->used_mib < 0 ? NA_U64 : (unsigned long long)p->used_mib * MIB;
    unsigned not_mig = 0xFFFFFFFFu;
    unsigned long long protected_memory = 0;
    memset(record, 0, record_bytes);
    memcpy(record, &p->pid, 4);
    memcpy(record + 8, &used, 8);
    if (record_bytes >= 24) memcpy(record + 16, &not_mig, 4), memcpy(record + 20, &not_mig, 4);
    if (record_bytes >= 32) memcpy(record + 24, &protected_memory, 8);
  }
  *count = needed;
  return OK;
}

nvml_return nvmlDeviceGetComputeRunningProcesses(nvml_device device, unsigned *count, void *infos) {
  ENTER_DEVICE(device);
  DONE(write_processes(d, count, infos, sizeof(fake_process_v1)));
}

#ifdef FAKE_HAS_VERSIONED
nvml_return nvmlDeviceGetComputeRunningProcesses_v2(nvml_device device, unsigned *count, void *infos) {
  ENTER_DEVICE(device);
  DONE(write_processes(d, count, infos, sizeof(fake_process_v2)));
}

nvml_return nvmlDeviceGetComputeRunningProcesses_v3(nvml_device device, unsigned *count, void *infos) {
  ENTER_DEVICE(device);
  DONE(write_processes(d, count, infos, g_record_bytes == 32 ? sizeof(fake_process_r535) : sizeof(fake_process_v2)));
}

/* Present on R535 and later; only its presence matters to the binding's layout heuristic. */
nvml_return nvmlDeviceGetConfComputeMemSizeInfo(nvml_device device, void *info) {
  (void)info;
  ENTER_DEVICE(device);
  DONE(E_NOT_SUPPORTED);
}
#endif

#if defined(FAKE_HAS_VERSIONED) && !defined(FAKE_VARIANT_R535)
/* Present on drivers newer than R535 (which fixed the record size). */
nvml_return nvmlDeviceGetRunningProcessDetailList(nvml_device device, void *list) {
  (void)list;
  ENTER_DEVICE(device);
  DONE(E_NOT_SUPPORTED);
}
#endif

/* ---------------------------------------------------------------- ECC and retired pages */

nvml_return nvmlDeviceGetTotalEccErrors(nvml_device device, unsigned error_type, unsigned counter_type, unsigned long long *count) {
  ENTER_DEVICE(device);
  if (!d->ecc_enabled) DONE(E_NOT_SUPPORTED);
  if (count == NULL || error_type > 1 || counter_type > 1) DONE(E_INVALID_ARGUMENT);
  int corrected = error_type == 0;
  double base = corrected ? d->ecc_corrected : d->ecc_uncorrected;
  double step = corrected ? d->ecc_corrected_step : d->ecc_uncorrected_step;
  unsigned long long reads = corrected ? d->ecc_corrected_reads++ : d->ecc_uncorrected_reads++;
  *count = base < 0 ? NA_U64 : (unsigned long long)(base + step * (double)reads);
  DONE(OK);
}

nvml_return nvmlDeviceGetRetiredPages(nvml_device device, unsigned cause, unsigned *count, unsigned long long *addresses) {
  ENTER_DEVICE(device);
  if (!d->ecc_enabled) DONE(E_NOT_SUPPORTED);
  if (count == NULL || cause > 1) DONE(E_INVALID_ARGUMENT);
  unsigned pages = cause == 0 ? d->retired_single : d->retired_double;
  if (*count < pages || addresses == NULL) {
    *count = pages;
    DONE(pages == 0 ? OK : E_INSUFFICIENT_SIZE);
  }
  for (unsigned i = 0; i < pages; i++) addresses[i] = 0x1000ULL * (i + 1);
  *count = pages;
  DONE(OK);
}

nvml_return nvmlDeviceGetRetiredPagesPendingStatus(nvml_device device, unsigned *pending) {
  ENTER_DEVICE(device);
  if (!d->ecc_enabled) DONE(E_NOT_SUPPORTED);
  if (pending == NULL) DONE(E_INVALID_ARGUMENT);
  *pending = d->retired_pending ? 1 : 0;
  DONE(OK);
}

/* ---------------------------------------------------------------- events */

nvml_return nvmlEventSetCreate(nvml_event_set *set) {
  ENTER_GLOBAL();
  if (set == NULL) DONE(E_INVALID_ARGUMENT);
  for (int i = 0; i < MAX_SETS; i++) {
    if (!g_sets[i].in_use) {
      memset(&g_sets[i], 0, sizeof g_sets[i]);
      g_sets[i].in_use = 1;
      *set = &g_sets[i];
      DONE(OK);
    }
  }
  DONE(E_UNKNOWN);
}

static struct fake_event_set *valid_set(nvml_event_set set) {
  for (int i = 0; i < MAX_SETS; i++)
    if (set == &g_sets[i] && g_sets[i].in_use) return set;
  return NULL;
}

nvml_return nvmlDeviceGetSupportedEventTypes(nvml_device device, unsigned long long *types) {
  ENTER_DEVICE(device);
  if (types == NULL) DONE(E_INVALID_ARGUMENT);
  *types = d->supported_events;
  DONE(OK);
}

nvml_return nvmlDeviceRegisterEvents(nvml_device device, unsigned long long types, nvml_event_set set) {
  ENTER_DEVICE(device);
  struct fake_event_set *s = valid_set(set);
  if (s == NULL) DONE(E_INVALID_ARGUMENT);
  if ((types & d->supported_events) == 0) DONE(E_NOT_SUPPORTED);
  s->masks[d->index] |= types & d->supported_events;
  DONE(OK);
}

static int take_event(struct fake_event_set *s, fake_event_data *data) {
  for (int i = 0; i < g_event_count; i++) {
    fake_event e = g_events[i];
    if ((s->masks[e.device] & e.type) == 0) continue;
    memmove(&g_events[i], &g_events[i + 1], sizeof(fake_event) * (size_t)(g_event_count - i - 1));
    g_event_count--;
    data->device = &g_devices[e.device];
    data->event_type = e.type;
    data->event_data = e.data;
    data->gpu_instance_id = e.gpu_instance_id;
    data->compute_instance_id = e.compute_instance_id;
    return 1;
  }
  return 0;
}

/* Called with g_lock held; waits on the condition variable, which releases it meanwhile. */
static nvml_return wait_common(nvml_event_set set, fake_event_data *data, unsigned timeout_ms) {
  struct fake_event_set *s = valid_set(set);
  struct timespec deadline;
  if (s == NULL || data == NULL) return E_INVALID_ARGUMENT;
  clock_gettime(CLOCK_REALTIME, &deadline);
  deadline.tv_sec += timeout_ms / 1000;
  deadline.tv_nsec += (long)(timeout_ms % 1000) * 1000000L;
  if (deadline.tv_nsec >= 1000000000L) deadline.tv_sec++, deadline.tv_nsec -= 1000000000L;
  for (;;) {
    if (take_event(s, data)) return OK;
    if (timeout_ms == 0 || pthread_cond_timedwait(&g_event_ready, &g_lock, &deadline) == ETIMEDOUT) return take_event(s, data) ? OK : E_TIMEOUT;
    if (valid_set(set) == NULL) return E_INVALID_ARGUMENT;
  }
}

#ifdef FAKE_HAS_VERSIONED
nvml_return nvmlEventSetWait_v2(nvml_event_set set, fake_event_data *data, unsigned timeout_ms) {
  ENTER_GLOBAL();
  DONE(wait_common(set, data, timeout_ms));
}
#endif
nvml_return nvmlEventSetWait(nvml_event_set set, fake_event_data *data, unsigned timeout_ms) {
  ENTER_GLOBAL();
  DONE(wait_common(set, data, timeout_ms));
}

nvml_return nvmlEventSetFree(nvml_event_set set) {
  ENTER_GLOBAL();
  struct fake_event_set *s = valid_set(set);
  if (s == NULL) DONE(E_INVALID_ARGUMENT);
  s->in_use = 0;
  DONE(OK);
}

/* ---------------------------------------------------------------- test control (not NVML) */

/* Writes the C sizes of the layouts the binding declares; returns how many it wrote. */
unsigned fake_nvml_abi_sizes(unsigned *out, unsigned capacity) {
  const unsigned sizes[] = {
    sizeof(fake_pci_info), sizeof(fake_memory_v1), sizeof(fake_memory_v2), sizeof(fake_utilization), sizeof(fake_temperature_v1),
    sizeof(fake_process_v1), sizeof(fake_process_v2), sizeof(fake_process_r535), sizeof(fake_event_data),
  };
  unsigned count = sizeof sizes / sizeof sizes[0];
  for (unsigned i = 0; i < count && i < capacity; i++) out[i] = sizes[i];
  return count;
}

int fake_nvml_push_event(int device, unsigned long long type, unsigned long long data) {
  pthread_mutex_lock(&g_lock);
  ensure_loaded();
  if (device < 0 || device >= g_device_count) DONE(E_INVALID_ARGUMENT);
  add_event(device, type, data);
  DONE(OK);
}

int fake_nvml_set_return(const char *function, int device, int rc) {
  pthread_mutex_lock(&g_lock);
  ensure_loaded();
  if (function == NULL || device < -1 || device >= g_device_count) DONE(E_INVALID_ARGUMENT);
  add_override(function, device, rc);
  DONE(OK);
}

unsigned long long fake_nvml_calls(int device) {
  pthread_mutex_lock(&g_lock);
  ensure_loaded();
  unsigned long long calls = device < 0 || device >= g_device_count ? g_global_calls : g_devices[device].calls;
  pthread_mutex_unlock(&g_lock);
  return calls;
}

int fake_nvml_pending_events(void) {
  pthread_mutex_lock(&g_lock);
  int count = g_event_count;
  pthread_mutex_unlock(&g_lock);
  return count;
}

int fake_nvml_init_count(void) {
  pthread_mutex_lock(&g_lock);
  int count = g_init_count;
  pthread_mutex_unlock(&g_lock);
  return count;
}

const char *fake_nvml_config_error(void) {
  pthread_mutex_lock(&g_lock);
  ensure_loaded();
  pthread_mutex_unlock(&g_lock);
  return g_config_error;
}

int fake_nvml_noop(void) { return OK; }
