#pragma once

#include "providers/Provider.h"

#include <QObject>
#include <QPointer>
#include <QUrl>

class Config;
class MetaEmulator;
class NetworkPool;
class ProviderTraffic;
class SandboxContact;

// Knobs of the sandbox; the defaults make ticks and the reply visible to a person watching.
struct SandboxOptions
{
    int statusDelayMs = 600; // between sent, delivered and read
    int replyDelayMs = 2500; // the simulated contact answers after this long
};

// Builds the provider WHATSAPP_PROVIDER names and owns it with what it needs: the network pool
// sized from FLOWCHAT_SEND_CONCURRENCY (platform-notes §3) and, for the sandbox, the in-process Meta
// emulator and its simulated contact. Lives on the thread the provider is used on.
class ProviderFactory : public QObject
{
    Q_OBJECT
public:
    explicit ProviderFactory(QObject* parent = nullptr);
    ~ProviderFactory() override;

    // Call once. twilio -> TwilioProvider, direct -> MetaCloudProvider, sandbox -> a MetaCloudProvider
    // talking to a MetaEmulator on a free loopback port whose webhooks go to our own receiver
    // (receiverUrl), signed with an app secret made up for this session.
    Result<Provider*> create(const Config& config, SandboxOptions sandbox = {});

    Provider* provider() const;
    NetworkPool* network() const;
    // The last provider requests and responses, masked (the console's request inspector).
    ProviderTraffic* traffic() const;
    bool isSandbox() const;
    MetaEmulator* sandboxEmulator() const; // null unless sandbox
    SandboxContact* sandboxContact() const;

    // http://<FLOWCHAT_LISTEN>/api/whatsapp/webhook; a wildcard listen address becomes loopback.
    static QUrl receiverUrl(const Config& config);

private:
    Result<Provider*> createSandbox(const Config& config, const SandboxOptions& sandbox);

    QPointer<NetworkPool> m_network;
    QPointer<ProviderTraffic> m_traffic;
    QPointer<Provider> m_provider;
    QPointer<MetaEmulator> m_emulator;
    QPointer<SandboxContact> m_contact;
};
