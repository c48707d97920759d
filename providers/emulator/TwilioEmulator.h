#pragma once

#include "providers/emulator/EmulatorBase.h"

// Stand-in for api.twilio.com and content.twilio.com (wire reference §13.2).
class TwilioEmulator : public EmulatorBase
{
    Q_OBJECT
public:
    explicit TwilioEmulator(EmulatorOptions options, QObject* parent = nullptr);

protected:
    EmulatorResponse faultResponse(const FaultSpec& fault) override;
    EmulatorResponse notFound(const QHttpServerRequest& request) override;
    EmulatorResponse simulateInbound(const QJsonObject& request) override;
};
