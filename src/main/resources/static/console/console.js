// The overview's Kommo command buttons: each posts to /ops/kommo/{command} (same origin, the login session's cookie, and
// the header that tells the service the request was not sent from another site) and shows the lines the command reports.
document.addEventListener('DOMContentLoaded', () => {
    const output = document.getElementById('command-lines');
    document.querySelectorAll('[data-kommo-command]').forEach(button => {
        button.addEventListener('click', async () => {
            const command = button.dataset.kommoCommand;
            output.hidden = false;
            output.textContent = command + '…';
            button.disabled = true;
            try {
                const response = await fetch('/ops/kommo/' + encodeURIComponent(command), {
                    method: 'POST',
                    credentials: 'same-origin',
                    headers: {'X-Requested-By': 'ops-console', 'Accept': 'application/json'}
                });
                const report = await response.json();
                output.textContent = report.lines
                    ? command + (report.ok ? ': done' : ': failed') + '\n' + report.lines.join('\n')
                    : command + ': refused (' + response.status + ', ' + report.reason + ')';
                output.dataset.done = command;
            } catch (e) {
                output.textContent = command + ': no answer (' + e.message + ')';
                output.dataset.done = command;
            } finally {
                button.disabled = false;
            }
        });
    });
});
