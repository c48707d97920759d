#pragma once

#include <QLabel>

class ServiceClient;

// Team mode: a band across the top of the console that says plainly, in the agent's words, when
// the team's database does not answer (what was tried, what to check, that drafts are kept and
// FlowChat reconnects by itself) or when no receiver sends for the team (messages wait). Hidden
// while all is well and outside team mode.
class TeamBanner : public QLabel
{
    Q_OBJECT

public:
    explicit TeamBanner(QWidget* parent = nullptr);

    void setService(ServiceClient* service);

private:
    void update();

    ServiceClient* m_service = nullptr;
};
