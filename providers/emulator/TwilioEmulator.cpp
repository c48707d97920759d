#include "providers/emulator/TwilioEmulator.h"

TwilioEmulator::TwilioEmulator(EmulatorOptions options, QObject* parent)
    : EmulatorBase(std::move(options), parent)
{
}

EmulatorResponse TwilioEmulator::faultResponse(const FaultSpec& fault)
{
    return EmulatorResponse::json(fault.httpStatus, {});
}

EmulatorResponse TwilioEmulator::notFound(const QHttpServerRequest&)
{
    return EmulatorResponse::json(404, {});
}

EmulatorResponse TwilioEmulator::simulateInbound(const QJsonObject&)
{
    return EmulatorResponse::json(501, {});
}
