<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About FlowChat</source>
        <translation>Acerca de FlowChat</translation>
    </message>
    <message>
        <source>FlowChat</source>
        <translation>FlowChat</translation>
    </message>
    <message>
        <source>A desktop console for WhatsApp customer support through Twilio or Meta&apos;s Cloud API.</source>
        <translation>Una consola de escritorio para atención al cliente en WhatsApp mediante Twilio o la Cloud API de Meta.</translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation>Versión %1</translation>
    </message>
    <message>
        <source>Qt %1 (built with Qt %2)</source>
        <translation>Qt %1 (compilado con Qt %2)</translation>
    </message>
    <message>
        <source>Released under the MIT License. Copyright © 2026 the FlowChat authors.</source>
        <translation>Publicado bajo la Licencia MIT. Copyright © 2026 los autores de FlowChat.</translation>
    </message>
    <message>
        <source>Homepage</source>
        <translation>Página web</translation>
    </message>
</context>
<context>
    <name>ApplicationLogModel</name>
    <message>
        <source>debug</source>
        <translation>depuración</translation>
    </message>
    <message>
        <source>info</source>
        <translation>info</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>advertencia</translation>
    </message>
    <message>
        <source>critical</source>
        <translation>crítico</translation>
    </message>
    <message>
        <source>fatal</source>
        <translation>fatal</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Nivel</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Categoría</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Mensaje</translation>
    </message>
</context>
<context>
    <name>BubbleDelegate</name>
    <message>
        <source>Today</source>
        <translation>Hoy</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>Ayer</translation>
    </message>
    <message>
        <source>dddd, d MMMM</source>
        <translation>dddd, d &apos;de&apos; MMMM</translation>
    </message>
    <message>
        <source>d MMMM yyyy</source>
        <translation>d &apos;de&apos; MMMM &apos;de&apos; yyyy</translation>
    </message>
    <message>
        <source>Template: %1</source>
        <translation>Plantilla: %1</translation>
    </message>
    <message>
        <source>%1 (code %2)</source>
        <translation>%1 (código %2)</translation>
    </message>
    <message>
        <source>Provider says: %1</source>
        <translation>Respuesta del proveedor: %1</translation>
    </message>
    <message>
        <source>Image not available — %1</source>
        <translation>Imagen no disponible — %1</translation>
    </message>
    <message>
        <source>Loading image…</source>
        <translation>Cargando imagen…</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Reintentar</translation>
    </message>
    <message>
        <source>Resend</source>
        <translation>Reenviar</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Descartar</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <source>Send</source>
        <translation>Enviar</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Mensaje</translation>
    </message>
    <message>
        <source>Type a message — Enter sends, Shift+Enter for a new line</source>
        <translation>Escribe un mensaje — Intro envía, Mayús+Intro para una nueva línea</translation>
    </message>
    <message>
        <source>Send message</source>
        <translation>Enviar mensaje</translation>
    </message>
    <message>
        <source>Characters used</source>
        <translation>Caracteres usados</translation>
    </message>
    <message>
        <source>Not sent: %1</source>
        <translation>No enviado: %1</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>Connecting to the message service…</source>
        <translation>Conectando con el servicio de mensajes…</translation>
    </message>
    <message>
        <source>WhatsApp accepts at most %1 characters.</source>
        <translation>WhatsApp acepta como máximo %1 caracteres.</translation>
    </message>
    <message>
        <source>Attach media URL…</source>
        <translation>Adjuntar URL de medios…</translation>
    </message>
    <message>
        <source>Attach an image, video, audio or document by its public URL</source>
        <translation>Adjunte una imagen, vídeo, audio o documento por su URL pública</translation>
    </message>
    <message>
        <source>Attach media URL</source>
        <translation>Adjuntar URL de medios</translation>
    </message>
    <message>
        <source>Templates…</source>
        <translation>Plantillas…</translation>
    </message>
    <message>
        <source>Pick an approved template (Ctrl+T)</source>
        <translation>Elija una plantilla aprobada (Ctrl+T)</translation>
    </message>
    <message>
        <source>Templates</source>
        <translation>Plantillas</translation>
    </message>
    <message>
        <source>Options</source>
        <translation>Opciones</translation>
    </message>
    <message>
        <source>Composer options</source>
        <translation>Opciones del editor</translation>
    </message>
    <message>
        <source>Enter sends (Shift+Enter for a new line)</source>
        <translation>Intro envía (Mayús+Intro para una línea nueva)</translation>
    </message>
    <message>
        <source>Do not reply to this message</source>
        <translation>No responder a este mensaje</translation>
    </message>
    <message>
        <source>Cancel reply</source>
        <translation>Cancelar respuesta</translation>
    </message>
    <message>
        <source>Replying to %1: %2</source>
        <translation>Respondiendo a %1: %2</translation>
    </message>
    <message>
        <source>A media URL must start with https:// or http:// and name a host, such as https://example.com/invoice.pdf. WhatsApp downloads the file from there.</source>
        <translation>Una URL de medios debe empezar por https:// o http:// e indicar un host, como https://example.com/factura.pdf. WhatsApp descarga el archivo desde allí.</translation>
    </message>
    <message>
        <source>At most %1 attachments per message.</source>
        <translation>Como máximo %1 adjuntos por mensaje.</translation>
    </message>
    <message>
        <source>Public URL of the image, video, audio or document:</source>
        <translation>URL pública de la imagen, vídeo, audio o documento:</translation>
    </message>
    <message>
        <source>Public URL:</source>
        <translation>URL pública:</translation>
    </message>
    <message>
        <source>%1  ✕</source>
        <translation>%1  ✕</translation>
    </message>
    <message>
        <source>%1 — click to remove</source>
        <translation>%1 — haga clic para quitar</translation>
    </message>
    <message>
        <source>Remove attachment %1</source>
        <translation>Quitar adjunto %1</translation>
    </message>
    <message>
        <source>Type a message — Ctrl+Enter sends, Enter for a new line</source>
        <translation>Escriba un mensaje — Ctrl+Intro envía, Intro para una línea nueva</translation>
    </message>
    <message>
        <source>The 24-hour window is closed: the customer has not written in the last 24 hours, so WhatsApp only accepts an approved template. Use Templates… (Ctrl+T) to reopen the conversation.</source>
        <translation>La ventana de 24 horas está cerrada: el cliente no escribió en las últimas 24 horas, así que WhatsApp solo acepta una plantilla aprobada. Use Plantillas… (Ctrl+T) para reabrir la conversación.</translation>
    </message>
    <message>
        <source>A caption holds at most %1 characters.</source>
        <translation>Un pie de foto tiene como máximo %1 caracteres.</translation>
    </message>
    <message>
        <source>Someone else is replying</source>
        <translation>Otra persona está respondiendo</translation>
    </message>
    <message>
        <source>%1 is replying to this customer right now. Send yours anyway?</source>
        <translation>%1 está respondiendo a este cliente ahora mismo. ¿Enviar el suyo de todos modos?</translation>
    </message>
    <message>
        <source>Send anyway</source>
        <translation>Enviar de todos modos</translation>
    </message>
</context>
<context>
    <name>ConsolePage</name>
    <message>
        <source>The sample customer is writing to you…</source>
        <translation>El cliente de ejemplo te está escribiendo…</translation>
    </message>
</context>
<context>
    <name>ConsoleSession</name>
    <message numerus="yes">
        <source>%1
FlowChat tries again every %n second(s).</source>
        <translation>
            <numerusform>%1
FlowChat lo vuelve a intentar cada segundo.</numerusform>
            <numerusform>%1
FlowChat lo vuelve a intentar cada %n segundos.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ConversationDelegate</name>
    <message>
        <source>Yesterday</source>
        <translation>Ayer</translation>
    </message>
</context>
<context>
    <name>ConversationListModel</name>
    <message numerus="yes">
        <source>%1, %n unread</source>
        <translation>
            <numerusform>%1, %n sin leer</numerusform>
            <numerusform>%1, %n sin leer</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ConversationListPanel</name>
    <message>
        <source>Search names, numbers and messages</source>
        <translation>Buscar nombres, números y mensajes</translation>
    </message>
    <message>
        <source>Search conversations</source>
        <translation>Buscar conversaciones</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Todas</translation>
    </message>
    <message>
        <source>Unread</source>
        <translation>Sin leer</translation>
    </message>
    <message>
        <source>Window open</source>
        <translation>Ventana abierta</translation>
    </message>
    <message>
        <source>Show %1</source>
        <translation>Mostrar %1</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>Conversaciones</translation>
    </message>
    <message>
        <source>No conversations yet.</source>
        <translation>Todavía no hay conversaciones.</translation>
    </message>
    <message>
        <source>Nothing matches.</source>
        <translation>No hay coincidencias.</translation>
    </message>
</context>
<context>
    <name>CopyableField</name>
    <message>
        <source>Copy</source>
        <translation>Copiar</translation>
    </message>
    <message>
        <source>Copy %1</source>
        <translation>Copiar %1</translation>
    </message>
    <message>
        <source>Copy to the clipboard</source>
        <translation>Copiar al portapapeles</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Copiado</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>CsvExportAction</name>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Archivos CSV (*.csv)</translation>
    </message>
    <message>
        <source>Export conversation</source>
        <translation>Exportar conversación</translation>
    </message>
    <message>
        <source>Export failures</source>
        <translation>Exportar fallos</translation>
    </message>
    <message>
        <source>Exporting</source>
        <translation>Exportando</translation>
    </message>
    <message>
        <source>Writing %1…</source>
        <translation>Escribiendo %1…</translation>
    </message>
</context>
<context>
    <name>DashboardDialog</name>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 h</translation>
    </message>
    <message>
        <source>%1%</source>
        <translation>%1%</translation>
    </message>
    <message>
        <source>Delivery dashboard</source>
        <translation>Panel de entregas</translation>
    </message>
    <message>
        <source>Outbound messages</source>
        <translation>Mensajes salientes</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Período</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>Últimas 24 horas</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Últimos 7 días</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Enviados</translation>
    </message>
    <message>
        <source>Delivery rate</source>
        <translation>Tasa de entrega</translation>
    </message>
    <message>
        <source>Read rate</source>
        <translation>Tasa de lectura</translation>
    </message>
    <message>
        <source>Median to delivered</source>
        <translation>Mediana hasta la entrega</translation>
    </message>
    <message>
        <source>Median to read</source>
        <translation>Mediana hasta la lectura</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fallidos</translation>
    </message>
    <message>
        <source>No messages were sent in this period. Send one and it shows up here.</source>
        <translation>No se envió ningún mensaje en este período. Envíe uno y aparecerá aquí.</translation>
    </message>
    <message>
        <source>Why messages failed</source>
        <translation>Por qué fallaron los mensajes</translation>
    </message>
    <message>
        <source>Failure reasons</source>
        <translation>Motivos de los fallos</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Código</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Proveedor</translation>
    </message>
    <message>
        <source>What it means</source>
        <translation>Qué significa</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>Cantidad</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>Última vez</translation>
    </message>
    <message>
        <source>Export failures…</source>
        <translation>Exportar fallos…</translation>
    </message>
    <message>
        <source>Could not read the message store: %1</source>
        <translation>No se pudo leer el almacén de mensajes: %1</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>Leídos</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Entregados</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>En espera</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Desconocido</translation>
    </message>
    <message>
        <source>Hour (local time)</source>
        <translation>Hora (hora local)</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Día</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(ninguno)</translation>
    </message>
    <message>
        <source>Export failures</source>
        <translation>Exportar fallos</translation>
    </message>
</context>
<context>
    <name>DatabaseSettings</name>
    <message>
        <source>Require an encrypted connection (TLS)</source>
        <translation>Exigir una conexión cifrada (TLS)</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Probar la conexión</translation>
    </message>
    <message>
        <source>On this computer (a file)</source>
        <translation>En este equipo (un archivo)</translation>
    </message>
    <message>
        <source>Shared with the team (PostgreSQL)</source>
        <translation>Compartido con el equipo (PostgreSQL)</translation>
    </message>
    <message>
        <source>Where the message history lives</source>
        <translation>Dónde se guarda el historial de mensajes</translation>
    </message>
    <message>
        <source>your database user</source>
        <translation>su usuario de la base de datos</translation>
    </message>
    <message>
        <source>Server:</source>
        <translation>Servidor:</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>Puerto:</translation>
    </message>
    <message>
        <source>Database:</source>
        <translation>Base de datos:</translation>
    </message>
    <message>
        <source>User:</source>
        <translation>Usuario:</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Conectando con %1…</translation>
    </message>
    <message>
        <source>A password typed below is kept in the system keychain, never in the address; left empty, PostgreSQL&apos;s own ~/.pgpass file or PGPASSWORD provides it.</source>
        <translation>Una contraseña escrita abajo se guarda en el llavero del sistema, nunca en la dirección; si se deja vacía, la proporciona el archivo ~/.pgpass de PostgreSQL o PGPASSWORD.</translation>
    </message>
</context>
<context>
    <name>DiagnoseWebhooksDialog</name>
    <message>
        <source>Diagnose webhooks</source>
        <translation>Diagnosticar webhooks</translation>
    </message>
    <message>
        <source>FlowChat checks the settings, the provider, the local receiver, the public URL and the webhooks refused lately.</source>
        <translation>FlowChat comprueba la configuración, el proveedor, el receptor local, la URL pública y los webhooks rechazados recientemente.</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>Comprobaciones</translation>
    </message>
    <message>
        <source>Run again</source>
        <translation>Ejecutar de nuevo</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Comprobando…</translation>
    </message>
    <message>
        <source>Passed</source>
        <translation>Correcto</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fallidos</translation>
    </message>
    <message>
        <source>Every check passed: webhooks can reach FlowChat.</source>
        <translation>Todas las comprobaciones son correctas: los webhooks llegan a FlowChat.</translation>
    </message>
    <message numerus="yes">
        <source>%n check(s) failed. The lines under each red mark say how to fix it.</source>
        <translation>
            <numerusform>%n comprobación falló. Las líneas bajo cada marca roja indican cómo corregirlo.</numerusform>
            <numerusform>%n comprobaciones fallaron. Las líneas bajo cada marca roja indican cómo corregirlo.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LogsDock</name>
    <message>
        <source>Logs</source>
        <translation>Registros</translation>
    </message>
    <message>
        <source>Application</source>
        <translation>Aplicación</translation>
    </message>
    <message>
        <source>Webhooks</source>
        <translation>Webhooks</translation>
    </message>
    <message>
        <source>Lowest level shown</source>
        <translation>Nivel más bajo mostrado</translation>
    </message>
    <message>
        <source>Debug and above</source>
        <translation>Depuración y superiores</translation>
    </message>
    <message>
        <source>Info and above</source>
        <translation>Info y superiores</translation>
    </message>
    <message>
        <source>Warnings and errors</source>
        <translation>Advertencias y errores</translation>
    </message>
    <message>
        <source>Errors only</source>
        <translation>Solo errores</translation>
    </message>
    <message>
        <source>Category, e.g. flowchat.outbox</source>
        <translation>Categoría, p. ej. flowchat.outbox</translation>
    </message>
    <message>
        <source>Category filter</source>
        <translation>Filtro de categoría</translation>
    </message>
    <message>
        <source>Search the log</source>
        <translation>Buscar en el registro</translation>
    </message>
    <message>
        <source>Webhooks received</source>
        <translation>Webhooks recibidos</translation>
    </message>
    <message>
        <source>Choose a webhook to see its headers and payload.</source>
        <translation>Elija un webhook para ver sus encabezados y su contenido.</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualizar</translation>
    </message>
    <message>
        <source>Replay</source>
        <translation>Reprocesar</translation>
    </message>
    <message>
        <source>Parse and store this webhook again. Safe: messages and statuses are never stored twice.</source>
        <translation>Analiza y guarda este webhook de nuevo. Es seguro: los mensajes y estados nunca se guardan dos veces.</translation>
    </message>
    <message>
        <source>Could not read the webhook log: %1</source>
        <translation>No se pudo leer el registro de webhooks: %1</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>Reason: %1</source>
        <translation>Motivo: %1</translation>
    </message>
    <message>
        <source>Replaying…</source>
        <translation>Reprocesando…</translation>
    </message>
    <message>
        <source>Replay failed: %1</source>
        <translation>Falló el reprocesamiento: %1</translation>
    </message>
    <message>
        <source>Replayed: stored again (nothing is ever stored twice).</source>
        <translation>Reprocesado: guardado de nuevo (nada se guarda dos veces).</translation>
    </message>
    <message>
        <source>Replayed, and refused again: %1</source>
        <translation>Reprocesado y rechazado de nuevo: %1</translation>
    </message>
    <message>
        <source>Provider requests</source>
        <translation>Solicitudes al proveedor</translation>
    </message>
    <message>
        <source>Application log</source>
        <translation>Registro de la aplicación</translation>
    </message>
    <message>
        <source>No webhooks received yet. The provider posts them to /api/whatsapp/webhook at FlowChat&apos;s public address (FLOWCHAT_PUBLIC_URL); Help &gt; Diagnose webhooks checks the way in.</source>
        <translation>Todavía no se ha recibido ningún webhook. El proveedor los envía a /api/whatsapp/webhook en la dirección pública de FlowChat (FLOWCHAT_PUBLIC_URL); Ayuda &gt; Diagnosticar webhooks comprueba el camino de entrada.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Sandbox emulator</source>
        <translation>Emulador de pruebas</translation>
    </message>
    <message>
        <source>Twilio</source>
        <translation>Twilio</translation>
    </message>
    <message>
        <source>Meta Cloud API</source>
        <translation>Cloud API de Meta</translation>
    </message>
    <message>
        <source>FlowChat</source>
        <translation>FlowChat</translation>
    </message>
    <message numerus="yes">
        <source>Outbox: %n waiting</source>
        <translation>
            <numerusform>Bandeja de salida: %n en espera</numerusform>
            <numerusform>Bandeja de salida: %n en espera</numerusform>
        </translation>
    </message>
    <message>
        <source>Webhook URL</source>
        <translation>URL del webhook</translation>
    </message>
    <message>
        <source>not set (FLOWCHAT_PUBLIC_URL)</source>
        <translation>sin definir (FLOWCHAT_PUBLIC_URL)</translation>
    </message>
    <message>
        <source>Webhook refused — diagnose</source>
        <translation>Webhook rechazado — diagnosticar</translation>
    </message>
    <message>
        <source>A webhook was refused: %1</source>
        <translation>Se rechazó un webhook: %1</translation>
    </message>
    <message>
        <source>Previous conversation</source>
        <translation>Conversación anterior</translation>
    </message>
    <message>
        <source>Next conversation</source>
        <translation>Conversación siguiente</translation>
    </message>
    <message>
        <source>Search conversations</source>
        <translation>Buscar conversaciones</translation>
    </message>
    <message>
        <source>Sandbox mode: nothing reaches WhatsApp</source>
        <translation>Modo de pruebas: nada llega a WhatsApp</translation>
    </message>
    <message>
        <source>Messages go to a built-in emulator. Set WHATSAPP_PROVIDER to twilio or direct to reach real customers.</source>
        <translation>Los mensajes van a un emulador integrado. Define WHATSAPP_PROVIDER como twilio o direct para llegar a clientes reales.</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>&amp;Tema</translation>
    </message>
    <message>
        <source>Follow the &amp;system</source>
        <translation>Seguir el &amp;sistema</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>&amp;Claro</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>&amp;Oscuro</translation>
    </message>
    <message>
        <source>&amp;Logs</source>
        <translation>&amp;Registros</translation>
    </message>
    <message>
        <source>Delivery &amp;dashboard</source>
        <translation>&amp;Panel de entregas</translation>
    </message>
    <message>
        <source>&amp;Export conversation to CSV…</source>
        <translation>&amp;Exportar conversación a CSV…</translation>
    </message>
    <message>
        <source>&amp;Template test bench…</source>
        <translation>Banco de pruebas de &amp;plantillas…</translation>
    </message>
    <message>
        <source>&amp;Sync templates from the provider</source>
        <translation>&amp;Sincronizar plantillas del proveedor</translation>
    </message>
    <message>
        <source>Syncing templates…</source>
        <translation>Sincronizando plantillas…</translation>
    </message>
    <message numerus="yes">
        <source>%n template(s) synced</source>
        <translation>
            <numerusform>%n plantilla sincronizada</numerusform>
            <numerusform>%n plantillas sincronizadas</numerusform>
        </translation>
    </message>
    <message>
        <source>Template sync failed: %1</source>
        <translation>Falló la sincronización de plantillas: %1</translation>
    </message>
    <message>
        <source>&amp;Check the provider now</source>
        <translation>&amp;Comprobar el proveedor ahora</translation>
    </message>
    <message>
        <source>&amp;Resume sending</source>
        <translation>&amp;Reanudar el envío</translation>
    </message>
    <message>
        <source>Sending pauses itself when the provider refuses our credentials.</source>
        <translation>El envío se pausa solo cuando el proveedor rechaza nuestras credenciales.</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) exported to %1</source>
        <translation>
            <numerusform>%n mensaje exportado a %1</numerusform>
            <numerusform>%n mensajes exportados a %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Outbox: %n waiting — paused (Tools &gt; Resume sending)</source>
        <translation>
            <numerusform>Bandeja de salida: %n en espera — en pausa (Herramientas &gt; Reanudar el envío)</numerusform>
            <numerusform>Bandeja de salida: %n en espera — en pausa (Herramientas &gt; Reanudar el envío)</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>&amp;Herramientas</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>A&amp;yuda</translation>
    </message>
    <message>
        <source>&amp;Diagnose webhooks…</source>
        <translation>&amp;Diagnosticar webhooks…</translation>
    </message>
    <message>
        <source>&amp;About FlowChat</source>
        <translation>&amp;Acerca de FlowChat</translation>
    </message>
    <message>
        <source>Status timeline</source>
        <translation>Cronología de estados</translation>
    </message>
    <message>
        <source>&amp;New conversation…</source>
        <translation>&amp;Nueva conversación…</translation>
    </message>
    <message>
        <source>Could not open the conversation: %1</source>
        <translation>No se pudo abrir la conversación: %1</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Configuración…</translation>
    </message>
    <message>
        <source>Go to conversation</source>
        <translation>Ir a la conversación</translation>
    </message>
    <message>
        <source>Close panels</source>
        <translation>Cerrar paneles</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>La exportación falló: %1</translation>
    </message>
    <message>
        <source>Sending: by the team&apos;s receiver</source>
        <translation>Envío: lo hace el receptor del equipo</translation>
    </message>
    <message>
        <source>Sending: no sender running</source>
        <translation>Envío: ningún emisor en marcha</translation>
    </message>
    <message>
        <source>FlowChat — %1</source>
        <translation>FlowChat — %1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>MessageMenu</name>
    <message>
        <source>Copy text</source>
        <translation>Copiar texto</translation>
    </message>
    <message>
        <source>Sending the message again.</source>
        <translation>Enviando el mensaje de nuevo.</translation>
    </message>
    <message>
        <source>Could not send it again: %1</source>
        <translation>No se pudo enviar de nuevo: %1</translation>
    </message>
    <message>
        <source>Marked as not sent; it will not be sent again.</source>
        <translation>Marcado como no enviado; no se enviará de nuevo.</translation>
    </message>
    <message>
        <source>Could not dismiss it: %1</source>
        <translation>No se pudo descartar: %1</translation>
    </message>
    <message>
        <source>Show status timeline</source>
        <translation>Mostrar cronología de estados</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Reintentar</translation>
    </message>
    <message>
        <source>Resend (the customer may get it twice)</source>
        <translation>Reenviar (el cliente puede recibirlo dos veces)</translation>
    </message>
    <message>
        <source>Dismiss (treat as not sent)</source>
        <translation>Descartar (tratar como no enviado)</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>Responder</translation>
    </message>
    <message>
        <source>Downloading the attachment…</source>
        <translation>Descargando el adjunto…</translation>
    </message>
    <message>
        <source>Could not open the attachment: %1</source>
        <translation>No se pudo abrir el adjunto: %1</translation>
    </message>
    <message>
        <source>Open map</source>
        <translation>Abrir mapa</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Abrir</translation>
    </message>
</context>
<context>
    <name>NewConversationDialog</name>
    <message>
        <source>New conversation</source>
        <translation>Nueva conversación</translation>
    </message>
    <message>
        <source>The customer&apos;s WhatsApp number, with the country code:</source>
        <translation>El número de WhatsApp del cliente, con el código de país:</translation>
    </message>
    <message>
        <source>WhatsApp number</source>
        <translation>Número de WhatsApp</translation>
    </message>
    <message>
        <source>+55 11 91234-5678</source>
        <translation>+52 55 1234 5678</translation>
    </message>
    <message>
        <source>Outside the 24-hour window only templates can be sent; the customer&apos;s reply opens it.</source>
        <translation>Fuera de la ventana de 24 horas solo se pueden enviar plantillas; la respuesta del cliente la abre.</translation>
    </message>
    <message>
        <source>Open conversation</source>
        <translation>Abrir conversación</translation>
    </message>
    <message>
        <source>Type the number, starting with + and the country code.</source>
        <translation>Escriba el número, empezando por + y el código de país.</translation>
    </message>
    <message>
        <source>Start with + and the country code, for example +55 for Brazil.</source>
        <translation>Empiece por + y el código de país, por ejemplo +52 para México.</translation>
    </message>
</context>
<context>
    <name>PresenceBoard</name>
    <message>
        <source>%1 is replying…</source>
        <translation>%1 está respondiendo…</translation>
    </message>
    <message>
        <source>%1 are replying…</source>
        <translation>%1 están respondiendo…</translation>
    </message>
    <message>
        <source>%1 is viewing</source>
        <translation>%1 está mirando</translation>
    </message>
    <message>
        <source>%1 are viewing</source>
        <translation>%1 están mirando</translation>
    </message>
</context>
<context>
    <name>ProviderExchangeModel</name>
    <message>
        <source>no answer</source>
        <translation>sin respuesta</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Método</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>Solicitud</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Took</source>
        <translation>Duración</translation>
    </message>
</context>
<context>
    <name>ProviderHealth</name>
    <message>
        <source>No provider is configured</source>
        <translation>No hay ningún proveedor configurado</translation>
    </message>
</context>
<context>
    <name>ProviderStatusLabel</name>
    <message>
        <source>checking…</source>
        <translation>comprobando…</translation>
    </message>
    <message>
        <source>answering</source>
        <translation>respondiendo</translation>
    </message>
    <message>
        <source>refuses our credentials</source>
        <translation>rechaza nuestras credenciales</translation>
    </message>
    <message>
        <source>not answering</source>
        <translation>sin respuesta</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>The provider answered the last check.</source>
        <translation>El proveedor respondió a la última comprobación.</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>Photo</source>
        <translation>Foto</translation>
    </message>
    <message>
        <source>Audio</source>
        <translation>Audio</translation>
    </message>
    <message>
        <source>Video</source>
        <translation>Vídeo</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Documento</translation>
    </message>
    <message>
        <source>Sticker</source>
        <translation>Sticker</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Ubicación</translation>
    </message>
    <message>
        <source>Contact card</source>
        <translation>Tarjeta de contacto</translation>
    </message>
    <message>
        <source>Reaction</source>
        <translation>Reacción</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>Plantilla</translation>
    </message>
    <message>
        <source>📷 Photo</source>
        <translation>📷 Foto</translation>
    </message>
    <message>
        <source>🎤 Audio</source>
        <translation>🎤 Audio</translation>
    </message>
    <message>
        <source>🎬 Video</source>
        <translation>🎬 Vídeo</translation>
    </message>
    <message>
        <source>📄 Document</source>
        <translation>📄 Documento</translation>
    </message>
    <message>
        <source>📄 %1</source>
        <translation>📄 %1</translation>
    </message>
    <message>
        <source>📍 Location %1, %2</source>
        <translation>📍 Ubicación %1, %2</translation>
    </message>
    <message>
        <source>👤 Contact card</source>
        <translation>👤 Tarjeta de contacto</translation>
    </message>
    <message>
        <source>Reacted %1</source>
        <translation>Reaccionó con %1</translation>
    </message>
    <message>
        <source>A message FlowChat cannot show</source>
        <translation>Un mensaje que FlowChat no puede mostrar</translation>
    </message>
    <message>
        <source>Could not write the file: %1</source>
        <translation>No se pudo escribir el archivo: %1</translation>
    </message>
    <message>
        <source>Could not open %1: %2</source>
        <translation>No se pudo abrir %1: %2</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>No se pudo escribir %1: %2</translation>
    </message>
    <message>
        <source>The export was cancelled.</source>
        <translation>La exportación se canceló.</translation>
    </message>
</context>
<context>
    <name>QuickJumpDialog</name>
    <message>
        <source>Go to conversation</source>
        <translation>Ir a la conversación</translation>
    </message>
    <message>
        <source>Name, number or message text — Enter opens</source>
        <translation>Nombre, número o texto del mensaje — Intro abre</translation>
    </message>
</context>
<context>
    <name>RequestInspector</name>
    <message>
        <source>(no body)</source>
        <translation>(sin cuerpo)</translation>
    </message>
    <message>
        <source>Filter by path, status or body text</source>
        <translation>Filtrar por ruta, estado o texto del cuerpo</translation>
    </message>
    <message>
        <source>Filter provider requests</source>
        <translation>Filtrar solicitudes al proveedor</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Borrar</translation>
    </message>
    <message>
        <source>Provider requests</source>
        <translation>Solicitudes al proveedor</translation>
    </message>
    <message>
        <source>Request and response</source>
        <translation>Solicitud y respuesta</translation>
    </message>
    <message>
        <source>Select a request to see what was sent and what the provider answered. Tokens and secrets are masked.</source>
        <translation>Seleccione una solicitud para ver qué se envió y qué respondió el proveedor. Los tokens y secretos se ocultan.</translation>
    </message>
    <message>
        <source>No answer: %1</source>
        <translation>Sin respuesta: %1</translation>
    </message>
    <message>
        <source>HTTP %1 after %2 ms</source>
        <translation>HTTP %1 tras %2 ms</translation>
    </message>
    <message>
        <source>(cut at %1 KiB)</source>
        <translation>(recortado a %1 KiB)</translation>
    </message>
</context>
<context>
    <name>SecretStore</name>
    <message>
        <source>Secrets are kept in the system keychain.</source>
        <translation>Los secretos se guardan en el llavero del sistema.</translation>
    </message>
    <message>
        <source>No system keychain answered, so secrets are kept in %1, which only you can read.</source>
        <translation>Ningún llavero del sistema respondió, así que los secretos se guardan en %1, que solo usted puede leer.</translation>
    </message>
    <message>
        <source>Could not remove %1</source>
        <translation>No se pudo eliminar %1</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>No se pudo escribir %1: %2</translation>
    </message>
</context>
<context>
    <name>ServiceClient</name>
    <message>
        <source>The message service is restarting; try again in a moment.</source>
        <translation>El servicio de mensajes se está reiniciando; inténtelo de nuevo en un momento.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Configuración</translation>
    </message>
    <message>
        <source>Greyed-out values are set by %1 and win over what is saved here; change them there.</source>
        <translation>Los valores en gris vienen de %1 y prevalecen sobre lo que se guarde aquí; cámbielos allí.</translation>
    </message>
    <message>
        <source> and </source>
        <translation> y </translation>
    </message>
    <message>
        <source>Save and restart</source>
        <translation>Guardar y reiniciar</translation>
    </message>
    <message>
        <source>Saves the settings and restarts the message service. Unsent messages stay queued.</source>
        <translation>Guarda la configuración y reinicia el servicio de mensajes. Los mensajes no enviados siguen en la cola.</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Proveedor</translation>
    </message>
    <message>
        <source>Sandbox (no account needed)</source>
        <translation>Sandbox (sin cuenta)</translation>
    </message>
    <message>
        <source>Twilio</source>
        <translation>Twilio</translation>
    </message>
    <message>
        <source>Meta WhatsApp Cloud API (direct)</source>
        <translation>API de WhatsApp Cloud de Meta (directa)</translation>
    </message>
    <message>
        <source>&amp;Provider:</source>
        <translation>&amp;Proveedor:</translation>
    </message>
    <message>
        <source>Set by %1; change it there.</source>
        <translation>Definido por %1; cámbielo allí.</translation>
    </message>
    <message>
        <source>Messages go to a simulated customer on this computer. Nothing leaves it, and no account is needed.</source>
        <translation>Los mensajes van a un cliente simulado en este equipo. Nada sale de él y no se necesita ninguna cuenta.</translation>
    </message>
    <message>
        <source>Account SID:</source>
        <translation>Account SID:</translation>
    </message>
    <message>
        <source>Auth token:</source>
        <translation>Auth token:</translation>
    </message>
    <message>
        <source>WhatsApp sender:</source>
        <translation>Remitente de WhatsApp:</translation>
    </message>
    <message>
        <source>Graph API URL:</source>
        <translation>URL de la Graph API:</translation>
    </message>
    <message>
        <source>Access token:</source>
        <translation>Token de acceso:</translation>
    </message>
    <message>
        <source>Phone number ID:</source>
        <translation>ID del número de teléfono:</translation>
    </message>
    <message>
        <source>Business account ID:</source>
        <translation>ID de la cuenta comercial:</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>&amp;Probar conexión</translation>
    </message>
    <message>
        <source>Asks the provider for its message templates with the values above.</source>
        <translation>Pide al proveedor sus plantillas de mensaje con los valores de arriba.</translation>
    </message>
    <message>
        <source>Webhooks</source>
        <translation>Webhooks</translation>
    </message>
    <message>
        <source>Public URL:</source>
        <translation>URL pública:</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>Generar</translation>
    </message>
    <message>
        <source>Verify token:</source>
        <translation>Token de verificación:</translation>
    </message>
    <message>
        <source>App secret:</source>
        <translation>Secreto de la app:</translation>
    </message>
    <message>
        <source>Local service</source>
        <translation>Servicio local</translation>
    </message>
    <message>
        <source>Listen on:</source>
        <translation>Escuchar en:</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copiar</translation>
    </message>
    <message>
        <source>API token:</source>
        <translation>Token de la API:</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Examinar…</translation>
    </message>
    <message>
        <source>Database file</source>
        <translation>Archivo de base de datos</translation>
    </message>
    <message>
        <source>SQLite databases (*.sqlite *.db)</source>
        <translation>Bases de datos SQLite (*.sqlite *.db)</translation>
    </message>
    <message>
        <source>Show or hide</source>
        <translation>Mostrar u ocultar</translation>
    </message>
    <message>
        <source>Also wrong, outside this dialog:</source>
        <translation>También incorrecto, fuera de este diálogo:</translation>
    </message>
    <message>
        <source>Fix the fields marked in red first.</source>
        <translation>Corrija primero los campos marcados en rojo.</translation>
    </message>
    <message>
        <source>Cannot test: %1</source>
        <translation>No se puede probar: %1</translation>
    </message>
    <message>
        <source>Asking the provider…</source>
        <translation>Consultando al proveedor…</translation>
    </message>
    <message numerus="yes">
        <source>The provider answered: %n template(s).</source>
        <translation>
            <numerusform>El proveedor respondió: %n plantilla.</numerusform>
            <numerusform>El proveedor respondió: %n plantillas.</numerusform>
        </translation>
    </message>
    <message>
        <source>The provider refused: %1</source>
        <translation>El proveedor rechazó: %1</translation>
    </message>
    <message>
        <source>The provider refused: %1 (%2)</source>
        <translation>El proveedor rechazó: %1 (%2)</translation>
    </message>
    <message>
        <source>Secrets were not saved: %1</source>
        <translation>Los secretos no se guardaron: %1</translation>
    </message>
    <message>
        <source>needed when the URL ends in the version</source>
        <translation>necesario cuando la URL termina en la versión</translation>
    </message>
    <message>
        <source>%1, from the Graph API URL</source>
        <translation>%1, tomado de la URL de la Graph API</translation>
    </message>
    <message>
        <source>generated once and kept with the secrets</source>
        <translation>se genera una vez y se guarda con los secretos</translation>
    </message>
    <message>
        <source>Either the whole send URL, …/v23.0/&lt;phone-number-id&gt;/messages, or the base, …/v23.0, with the phone number ID below.</source>
        <translation>O bien la URL de envío completa, …/v23.0/&lt;phone-number-id&gt;/messages, o bien la base, …/v23.0, con el ID del número de teléfono abajo.</translation>
    </message>
    <message>
        <source>Message history</source>
        <translation>Historial de mensajes</translation>
    </message>
    <message>
        <source>Kept:</source>
        <translation>Guardado:</translation>
    </message>
    <message>
        <source>Database:</source>
        <translation>Base de datos:</translation>
    </message>
    <message>
        <source>Your name:</source>
        <translation>Su nombre:</translation>
    </message>
    <message>
        <source>Shown to the other agents of a team, and on what you send.</source>
        <translation>Se muestra a los demás agentes del equipo y en lo que envía.</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Contraseña:</translation>
    </message>
    <message>
        <source>empty: ~/.pgpass or PGPASSWORD</source>
        <translation>vacía: ~/.pgpass o PGPASSWORD</translation>
    </message>
</context>
<context>
    <name>SetupPage</name>
    <message>
        <source>Starting the message service…</source>
        <translation>Iniciando el servicio de mensajes…</translation>
    </message>
    <message>
        <source>FlowChat cannot start until the problems below are fixed.</source>
        <translation>FlowChat no puede iniciarse hasta que se corrijan los problemas siguientes.</translation>
    </message>
    <message>
        <source>Open &amp;settings…</source>
        <translation>Abrir &amp;configuración…</translation>
    </message>
    <message>
        <source>Restarting the message service with the new settings… Unsent messages stay queued.</source>
        <translation>Reiniciando el servicio de mensajes con la nueva configuración… Los mensajes no enviados siguen en la cola.</translation>
    </message>
    <message>
        <source>The message service could not start: %1</source>
        <translation>No se pudo iniciar el servicio de mensajes: %1</translation>
    </message>
    <message>
        <source>Setup</source>
        <translation>Configuración</translation>
    </message>
    <message>
        <source>not recognised (see the problems below)</source>
        <translation>no reconocido (consulta los problemas siguientes)</translation>
    </message>
    <message>
        <source>Sandbox (built-in emulator)</source>
        <translation>Pruebas (emulador integrado)</translation>
    </message>
    <message>
        <source>Twilio</source>
        <translation>Twilio</translation>
    </message>
    <message>
        <source>Meta WhatsApp Cloud API (direct)</source>
        <translation>WhatsApp Cloud API de Meta (direct)</translation>
    </message>
    <message>
        <source>Provider:</source>
        <translation>Proveedor:</translation>
    </message>
    <message>
        <source>Message store:</source>
        <translation>Almacén de mensajes:</translation>
    </message>
    <message>
        <source>Listening on:</source>
        <translation>Escuchando en:</translation>
    </message>
    <message>
        <source>Webhook URL:</source>
        <translation>URL del webhook:</translation>
    </message>
    <message>
        <source>not set (FLOWCHAT_PUBLIC_URL)</source>
        <translation>sin definir (FLOWCHAT_PUBLIC_URL)</translation>
    </message>
    <message>
        <source>.env file:</source>
        <translation>Archivo .env:</translation>
    </message>
    <message>
        <source>none found</source>
        <translation>no se encontró ninguno</translation>
    </message>
    <message>
        <source>Configuration problems</source>
        <translation>Problemas de configuración</translation>
    </message>
    <message>
        <source>No configuration problems.</source>
        <translation>No hay problemas de configuración.</translation>
    </message>
    <message>
        <source>Problem with %1</source>
        <translation>Problema con %1</translation>
    </message>
    <message>
        <source>Warning about %1</source>
        <translation>Aviso sobre %1</translation>
    </message>
    <message>
        <source>FlowChat works, but check the warnings above.</source>
        <translation>FlowChat funciona, pero revisa los avisos anteriores.</translation>
    </message>
    <message>
        <source>Fix these in your .env file or environment, then start FlowChat again.</source>
        <translation>Corrígelos en tu archivo .env o en el entorno y vuelve a iniciar FlowChat.</translation>
    </message>
</context>
<context>
    <name>StatusTicks</name>
    <message>
        <source>Waiting to send</source>
        <translation>Pendiente de envío</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>Enviando</translation>
    </message>
    <message>
        <source>Queued by the provider</source>
        <translation>En cola del proveedor</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Enviado</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Entregado</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>Leído</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fallido</translation>
    </message>
    <message>
        <source>Not delivered</source>
        <translation>No entregado</translation>
    </message>
    <message>
        <source>Outcome unknown</source>
        <translation>Resultado desconocido</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Recibido</translation>
    </message>
</context>
<context>
    <name>StatusTimelinePanel</name>
    <message>
        <source>Status timeline</source>
        <translation>Cronología de estados</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>Cerrar (Esc)</translation>
    </message>
    <message>
        <source>Close the status timeline</source>
        <translation>Cerrar la cronología de estados</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copiar</translation>
    </message>
    <message>
        <source>Copy the provider&apos;s message id</source>
        <translation>Copiar el id del mensaje en el proveedor</translation>
    </message>
    <message>
        <source>Statuses</source>
        <translation>Estados</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Provider said</source>
        <translation>El proveedor dijo</translation>
    </message>
    <message>
        <source>Status timeline: %1</source>
        <translation>Cronología de estados: %1</translation>
    </message>
    <message>
        <source>Status timeline: “%1”</source>
        <translation>Cronología de estados: «%1»</translation>
    </message>
    <message>
        <source>Not accepted by the provider yet: no provider message id.</source>
        <translation>Aún no aceptado por el proveedor: sin id de mensaje del proveedor.</translation>
    </message>
    <message>
        <source>%1 id: %2</source>
        <translation>id de %1: %2</translation>
    </message>
    <message>
        <source>created</source>
        <translation>creado</translation>
    </message>
    <message>
        <source>stored by FlowChat</source>
        <translation>guardado por FlowChat</translation>
    </message>
    <message>
        <source>Error %1: %2</source>
        <translation>Error %1: %2</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Cargando…</translation>
    </message>
</context>
<context>
    <name>TeamBanner</name>
    <message>
        <source>The team&apos;s database does not answer</source>
        <translation>La base de datos del equipo no responde</translation>
    </message>
    <message>
        <source>Check that the PostgreSQL server is running and that this computer can reach it (network, VPN, firewall). Your drafts are kept, and FlowChat reconnects by itself.</source>
        <translation>Compruebe que el servidor PostgreSQL está en marcha y que este equipo puede alcanzarlo (red, VPN, cortafuegos). Sus borradores se conservan y FlowChat se vuelve a conectar solo.</translation>
    </message>
    <message>
        <source>No sender is running: messages you send wait as pending</source>
        <translation>No hay ningún emisor en marcha: los mensajes que envíe esperan como pendientes</translation>
    </message>
    <message>
        <source>A FlowChat receiver on the team&apos;s database sends for everyone (flowchat --headless). Start one, and everything waiting goes out.</source>
        <translation>Un receptor de FlowChat sobre la base de datos del equipo envía por todos (flowchat --headless). Inicie uno y todo lo que espera saldrá.</translation>
    </message>
</context>
<context>
    <name>TeamWatch</name>
    <message>
        <source>Cannot reach the team database %1: %2</source>
        <translation>No se puede alcanzar la base de datos del equipo %1: %2</translation>
    </message>
</context>
<context>
    <name>TemplateBench</name>
    <message>
        <source>Template test bench</source>
        <translation>Banco de pruebas de plantillas</translation>
    </message>
    <message>
        <source>Search templates</source>
        <translation>Buscar plantillas</translation>
    </message>
    <message>
        <source>Approval status</source>
        <translation>Estado de aprobación</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Categoría</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>Templates</source>
        <translation>Plantillas</translation>
    </message>
    <message>
        <source>Refresh from the provider</source>
        <translation>Actualizar desde el proveedor</translation>
    </message>
    <message>
        <source>Choose a template on the left.</source>
        <translation>Elija una plantilla a la izquierda.</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parámetros</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Vista previa</translation>
    </message>
    <message>
        <source>Send to</source>
        <translation>Enviar a</translation>
    </message>
    <message>
        <source>Test number:</source>
        <translation>Número de prueba:</translation>
    </message>
    <message>
        <source>Test number</source>
        <translation>Número de prueba</translation>
    </message>
    <message>
        <source>+55 11 91234 5678</source>
        <translation>+52 55 1234 5678</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Enviar</translation>
    </message>
    <message>
        <source>The open conversation: %1</source>
        <translation>La conversación abierta: %1</translation>
    </message>
    <message>
        <source>The open conversation (none)</source>
        <translation>La conversación abierta (ninguna)</translation>
    </message>
    <message>
        <source>Could not read the templates: %1</source>
        <translation>No se pudieron leer las plantillas: %1</translation>
    </message>
    <message>
        <source>No templates synced yet. Refresh to fetch them from the provider.</source>
        <translation>Aún no hay plantillas sincronizadas. Actualice para obtenerlas del proveedor.</translation>
    </message>
    <message numerus="yes">
        <source>%n template(s)</source>
        <translation>
            <numerusform>%n plantilla</numerusform>
            <numerusform>%n plantillas</numerusform>
        </translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Cualquier estado</translation>
    </message>
    <message>
        <source>Any category</source>
        <translation>Cualquier categoría</translation>
    </message>
    <message>
        <source>Any language</source>
        <translation>Cualquier idioma</translation>
    </message>
    <message>
        <source>Refreshing…</source>
        <translation>Actualizando…</translation>
    </message>
    <message>
        <source>The provider refused the refresh: %1</source>
        <translation>El proveedor rechazó la actualización: %1</translation>
    </message>
    <message>
        <source>%1 · %2 · %3 · %4</source>
        <translation>%1 · %2 · %3 · %4</translation>
    </message>
    <message>
        <source>no category</source>
        <translation>sin categoría</translation>
    </message>
    <message>
        <source>status unknown</source>
        <translation>estado desconocido</translation>
    </message>
    <message>
        <source>Value for {{%1}}</source>
        <translation>Valor para {{%1}}</translation>
    </message>
    <message>
        <source>e.g. %1</source>
        <translation>p. ej. %1</translation>
    </message>
    <message>
        <source>{{%1}} in the body</source>
        <translation>{{%1}} en el cuerpo</translation>
    </message>
    <message>
        <source>This template has no parameters.</source>
        <translation>Esta plantilla no tiene parámetros.</translation>
    </message>
    <message>
        <source>The message service is not running.</source>
        <translation>El servicio de mensajes no está en ejecución.</translation>
    </message>
    <message>
        <source>Choose a template to send.</source>
        <translation>Elija una plantilla para enviar.</translation>
    </message>
    <message>
        <source>This template is %1: only approved templates can be sent.</source>
        <translation>Esta plantilla está %1: solo se pueden enviar plantillas aprobadas.</translation>
    </message>
    <message>
        <source>not approved</source>
        <translation>no aprobada</translation>
    </message>
    <message>
        <source>Fill in %1.</source>
        <translation>Complete %1.</translation>
    </message>
    <message>
        <source>No conversation is open: choose the test number.</source>
        <translation>No hay ninguna conversación abierta: elija el número de prueba.</translation>
    </message>
    <message>
        <source>Enter a test number.</source>
        <translation>Introduzca un número de prueba.</translation>
    </message>
    <message>
        <source>Test number: %1</source>
        <translation>Número de prueba: %1</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Enviando…</translation>
    </message>
    <message>
        <source>Not sent: %1</source>
        <translation>No enviado: %1</translation>
    </message>
    <message>
        <source>Not sent (%1): %2</source>
        <translation>No enviado (%1): %2</translation>
    </message>
    <message>
        <source>Queued as message %1; watch its ticks in the conversation.</source>
        <translation>En cola como mensaje %1; siga sus marcas en la conversación.</translation>
    </message>
    <message>
        <source>The %1 header is part of the Twilio content template and is sent as approved.</source>
        <translation>El encabezado de %1 forma parte de la plantilla de contenido de Twilio y se envía tal como se aprobó.</translation>
    </message>
    <message>
        <source>Header %1 URL</source>
        <translation>URL del %1 del encabezado</translation>
    </message>
    <message>
        <source>https://… the %1 WhatsApp shows above the text</source>
        <translation>https://… el %1 que WhatsApp muestra sobre el texto</translation>
    </message>
    <message>
        <source>Header %1:</source>
        <translation>Encabezado (%1):</translation>
    </message>
    <message>
        <source>the header&apos;s file</source>
        <translation>el archivo del encabezado</translation>
    </message>
    <message>
        <source>The header&apos;s file must be an https:// or http:// URL.</source>
        <translation>El archivo del encabezado debe ser una URL https:// o http://.</translation>
    </message>
</context>
<context>
    <name>TemplateListModel</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 (%2) — %3</source>
        <translation>%1 (%2) — %3</translation>
    </message>
</context>
<context>
    <name>TemplatePreview</name>
    <message>
        <source>Preview of the message</source>
        <translation>Vista previa del mensaje</translation>
    </message>
    <message>
        <source>[%1 header]</source>
        <translation>[encabezado de %1]</translation>
    </message>
    <message>
        <source>[%1: %2]</source>
        <translation>[%1: %2]</translation>
    </message>
</context>
<context>
    <name>ThreadHeader</name>
    <message>
        <source>Contact name</source>
        <translation>Nombre del contacto</translation>
    </message>
    <message>
        <source>Contact number</source>
        <translation>Número del contacto</translation>
    </message>
    <message>
        <source>24-hour window</source>
        <translation>Ventana de 24 horas</translation>
    </message>
    <message>
        <source>Window closed — templates only</source>
        <translation>Ventana cerrada — solo plantillas</translation>
    </message>
    <message numerus="yes">
        <source>Window open — %n h left</source>
        <translation>
            <numerusform>Ventana abierta — queda %n h</numerusform>
            <numerusform>Ventana abierta — quedan %n h</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Window open — %n min left</source>
        <translation>
            <numerusform>Ventana abierta — queda %n min</numerusform>
            <numerusform>Ventana abierta — quedan %n min</numerusform>
        </translation>
    </message>
    <message>
        <source>No conversation selected</source>
        <translation>Ninguna conversación seleccionada</translation>
    </message>
    <message>
        <source>Other agents here</source>
        <translation>Otros agentes aquí</translation>
    </message>
</context>
<context>
    <name>ThreadModel</name>
    <message>
        <source>Received: %1</source>
        <translation>Recibido: %1</translation>
    </message>
    <message>
        <source>Sent: %1</source>
        <translation>Enviado: %1</translation>
    </message>
    <message>
        <source>Outcome unknown</source>
        <translation>Resultado desconocido</translation>
    </message>
    <message>
        <source>The request may have reached WhatsApp. Resend it or dismiss it.</source>
        <translation>Es posible que la solicitud haya llegado a WhatsApp. Vuelve a enviarla o descártala.</translation>
    </message>
    <message>
        <source>Original message not available</source>
        <translation>Mensaje original no disponible</translation>
    </message>
    <message>
        <source>You</source>
        <translation>Usted</translation>
    </message>
    <message>
        <source>Not sent: dismissed</source>
        <translation>No enviado: descartado</translation>
    </message>
    <message>
        <source>The provider never confirmed it, and it was marked as not sent. Retry sends it again.</source>
        <translation>El proveedor nunca lo confirmó y se marcó como no enviado. Reintentar lo envía de nuevo.</translation>
    </message>
</context>
<context>
    <name>ThreadView</name>
    <message>
        <source>Messages</source>
        <translation>Mensajes</translation>
    </message>
</context>
<context>
    <name>TrayNotifier</name>
    <message>
        <source>Photo</source>
        <translation>Foto</translation>
    </message>
    <message>
        <source>Voice message</source>
        <translation>Mensaje de voz</translation>
    </message>
    <message>
        <source>Video</source>
        <translation>Vídeo</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Documento</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Ubicación</translation>
    </message>
    <message>
        <source>New message</source>
        <translation>Mensaje nuevo</translation>
    </message>
    <message>
        <source>Show FlowChat</source>
        <translation>Mostrar FlowChat</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Salir</translation>
    </message>
    <message numerus="yes">
        <source>FlowChat: %n unread message(s)</source>
        <translation>
            <numerusform>FlowChat: %n mensaje sin leer</numerusform>
            <numerusform>FlowChat: %n mensajes sin leer</numerusform>
        </translation>
    </message>
    <message>
        <source>FlowChat</source>
        <translation>FlowChat</translation>
    </message>
</context>
<context>
    <name>WebhookLogModel</name>
    <message>
        <source>Received</source>
        <translation>Recibido</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Proveedor</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>Veredicto</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>aceptado</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>rechazado</translation>
    </message>
    <message>
        <source>invalid</source>
        <translation>no válido</translation>
    </message>
</context>
<context>
    <name>WelcomePanel</name>
    <message>
        <source>&amp;New conversation…</source>
        <translation>&amp;Nueva conversación…</translation>
    </message>
    <message>
        <source>&amp;Have a customer write to you</source>
        <translation>&amp;Que un cliente te escriba</translation>
    </message>
    <message>
        <source>Welcome to the FlowChat sandbox</source>
        <translation>Bienvenido al sandbox de FlowChat</translation>
    </message>
    <message>
        <source>Nothing here reaches WhatsApp: a built-in emulator plays Meta&apos;s Cloud API on this computer, and a sample customer answers what you send. Have the customer write to you, pick the conversation on the left, reply, and watch the ticks go sent, delivered, read.

To talk to real customers, choose Twilio or Meta in File &gt; Settings.</source>
        <translation>Aquí nada llega a WhatsApp: un emulador integrado hace de la Cloud API de Meta en este equipo, y un cliente de ejemplo responde a lo que envías. Haz que el cliente te escriba, elige la conversación a la izquierda, responde y mira cómo los ticks pasan por enviado, entregado y leído.

Para hablar con clientes reales, elige Twilio o Meta en Archivo &gt; Configuración.</translation>
    </message>
    <message>
        <source>Pick a conversation</source>
        <translation>Elige una conversación</translation>
    </message>
    <message>
        <source>Choose a conversation on the left to read its history and reply, or start a new one with a customer&apos;s number.</source>
        <translation>Elige una conversación a la izquierda para leer su historial y responder, o empieza una nueva con el número de un cliente.</translation>
    </message>
</context>
</TS>
