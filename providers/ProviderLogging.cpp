#include "providers/ProviderLogging.h"

Q_LOGGING_CATEGORY(lcTwilio, "flowchat.provider.twilio", QtInfoMsg)
Q_LOGGING_CATEGORY(lcMeta, "flowchat.provider.meta", QtInfoMsg)
Q_LOGGING_CATEGORY(lcEmulator, "flowchat.emulator", QtInfoMsg)
Q_LOGGING_CATEGORY(lcPhone, "flowchat.phone", QtInfoMsg)
