#include "ui/welcome/WelcomePanel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

WelcomePanel::WelcomePanel(QWidget* parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_text(new QLabel(this))
    , m_newConversation(new QPushButton(tr("&New conversation…"), this))
    , m_customerWrites(new QPushButton(tr("&Have a customer write to you"), this))
{
    setObjectName(QStringLiteral("welcomePanel"));
    m_title->setObjectName(QStringLiteral("welcomeTitle"));
    m_text->setObjectName(QStringLiteral("welcomeText"));
    m_newConversation->setObjectName(QStringLiteral("welcomeNewConversation"));
    m_customerWrites->setObjectName(QStringLiteral("welcomeCustomerWrites"));
    for (QLabel* label : {m_title, m_text}) {
        label->setTextFormat(Qt::PlainText);
        label->setWordWrap(true);
        label->setAlignment(Qt::AlignHCenter);
    }
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    m_title->setFont(titleFont);

    auto* buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_newConversation);
    buttons->addWidget(m_customerWrites);
    buttons->addStretch(1);

    // A column of readable width in the middle; the labels wrap inside it at their full height.
    auto* card = new QWidget(this);
    card->setMaximumWidth(560);
    auto* cardColumn = new QVBoxLayout(card);
    cardColumn->setContentsMargins(0, 0, 0, 0);
    cardColumn->addWidget(m_title);
    cardColumn->addSpacing(8);
    cardColumn->addWidget(m_text);
    cardColumn->addSpacing(16);
    cardColumn->addLayout(buttons);
    m_title->setParent(card);
    m_text->setParent(card);
    m_newConversation->setParent(card);
    m_customerWrites->setParent(card);

    auto* row = new QHBoxLayout;
    row->addStretch(1);
    row->addWidget(card, 4);
    row->addStretch(1);
    auto* column = new QVBoxLayout(this);
    column->addStretch(1);
    column->addLayout(row);
    column->addStretch(2);

    connect(m_newConversation, &QPushButton::clicked, this, &WelcomePanel::newConversationRequested);
    connect(m_customerWrites, &QPushButton::clicked, this, &WelcomePanel::customerMessageRequested);
    setSandbox(false);
}

void WelcomePanel::setSandbox(bool sandbox)
{
    if (sandbox) {
        m_title->setText(tr("Welcome to the FlowChat sandbox"));
        m_text->setText(tr("Nothing here reaches WhatsApp: a built-in emulator plays Meta's Cloud API on this "
                           "computer, and a sample customer answers what you send. Have the customer write to you, "
                           "pick the conversation on the left, reply, and watch the ticks go sent, delivered, "
                           "read.\n\nTo talk to real customers, choose Twilio or Meta in File > Settings."));
    } else {
        m_title->setText(tr("Pick a conversation"));
        m_text->setText(tr("Choose a conversation on the left to read its history and reply, or start a new one "
                           "with a customer's number."));
    }
    m_customerWrites->setVisible(sandbox);
}

QPushButton* WelcomePanel::newConversationButton() const
{
    return m_newConversation;
}

QPushButton* WelcomePanel::customerWritesButton() const
{
    return m_customerWrites;
}
