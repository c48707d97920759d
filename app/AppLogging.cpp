#include "app/AppLogging.h"

Q_LOGGING_CATEGORY(lcConfig, "flowchat.config", QtInfoMsg)
Q_LOGGING_CATEGORY(lcStore, "flowchat.store", QtInfoMsg)
Q_LOGGING_CATEGORY(lcOutbox, "flowchat.outbox", QtInfoMsg)
Q_LOGGING_CATEGORY(lcService, "flowchat.service", QtInfoMsg)
Q_LOGGING_CATEGORY(lcHttp, "flowchat.http", QtInfoMsg)
Q_LOGGING_CATEGORY(lcWebhook, "flowchat.webhook", QtInfoMsg)
