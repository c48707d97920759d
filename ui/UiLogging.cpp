#include "ui/UiLogging.h"

Q_LOGGING_CATEGORY(lcUi, "flowchat.ui", QtInfoMsg)
