#pragma once

#include "app/service/ProviderHealth.h"

#include <QWidget>

class QLabel;

// "● Twilio — answering" in the status bar: a coloured dot plus words (never colour alone),
// the provider's own error in the tooltip.
class ProviderStatusLabel : public QWidget
{
    Q_OBJECT
public:
    explicit ProviderStatusLabel(QWidget* parent = nullptr);

    void setProviderTitle(const QString& title);
    void setHealth(ProviderHealth::State state, const QString& detail);
    QString text() const;

private:
    void render();

    QLabel* m_dot = nullptr;
    QLabel* m_text = nullptr;
    QString m_title;
    ProviderHealth::State m_state = ProviderHealth::State::Checking;
    QString m_detail;
};
