#pragma once

#include "providers/emulator/EmulatorBase.h"

// Stand-in for graph.facebook.com, the WhatsApp Cloud API (wire reference §13.3).
class MetaEmulator : public EmulatorBase
{
    Q_OBJECT
public:
    explicit MetaEmulator(EmulatorOptions options, QObject* parent = nullptr);

protected:
    EmulatorResponse faultResponse(const FaultSpec& fault) override;
    EmulatorResponse notFound(const QHttpServerRequest& request) override;
    EmulatorResponse simulateInbound(const QJsonObject& request) override;
};
