#include "providers/emulator/MetaEmulator.h"

MetaEmulator::MetaEmulator(EmulatorOptions options, QObject* parent)
    : EmulatorBase(std::move(options), parent)
{
}

EmulatorResponse MetaEmulator::faultResponse(const FaultSpec& fault)
{
    return EmulatorResponse::json(fault.httpStatus, {});
}

EmulatorResponse MetaEmulator::notFound(const QHttpServerRequest&)
{
    return EmulatorResponse::json(404, {});
}

EmulatorResponse MetaEmulator::simulateInbound(const QJsonObject&)
{
    return EmulatorResponse::json(501, {});
}
