// Every command of the docker CLI (28.x, no plugins installed), as its --help shows
// them: Use line, short description, aliases and where root help lists it. Behaviour
// is attached in docker.ts; commands without one say Stevedore does not simulate them.

import type { CommandSpec } from './command';

export const DOCKER_COMMANDS: CommandSpec[] = [
  {
    use: 'run [OPTIONS] IMAGE [COMMAND] [ARG...]',
    short: 'Create and run a new container from an image',
    aliasesLine: 'docker container run, docker run',
    top: 1,
  },
  {
    use: 'exec [OPTIONS] CONTAINER COMMAND [ARG...]',
    short: 'Execute a command in a running container',
    aliasesLine: 'docker container exec, docker exec',
    top: 2,
  },
  {
    use: 'ps [OPTIONS]',
    short: 'List containers',
    aliasesLine: 'docker container ls, docker container list, docker container ps, docker ps',
    top: 3,
  },
  {
    use: 'build [OPTIONS] PATH | URL | -',
    short: 'Build an image from a Dockerfile',
    aliasesLine: 'docker image build, docker build, docker builder build',
    top: 4,
  },
  {
    use: 'pull [OPTIONS] NAME[:TAG|@DIGEST]',
    short: 'Download an image from a registry',
    aliasesLine: 'docker image pull, docker pull',
    top: 5,
  },
  {
    use: 'push [OPTIONS] NAME[:TAG]',
    short: 'Upload an image to a registry',
    aliasesLine: 'docker image push, docker push',
    top: 6,
  },
  {
    use: 'images [OPTIONS] [REPOSITORY[:TAG]]',
    short: 'List images',
    aliasesLine: 'docker image ls, docker image list, docker images',
    top: 7,
  },
  {
    use: 'login [OPTIONS] [SERVER]',
    short: 'Authenticate to a registry',
    top: 8,
  },
  {
    use: 'logout [SERVER]',
    short: 'Log out from a registry',
    top: 9,
  },
  {
    use: 'search [OPTIONS] TERM',
    short: 'Search Docker Hub for images',
    top: 10,
  },
  {
    use: 'version [OPTIONS]',
    short: 'Show the Docker version information',
    top: 10,
  },
  {
    use: 'info [OPTIONS]',
    short: 'Display system-wide information',
    aliasesLine: 'docker system info, docker info',
    top: 12,
  },
  {
    use: 'builder',
    short: 'Manage builds',
    children: [
      {
        use: 'build [OPTIONS] PATH | URL | -',
        short: 'Build an image from a Dockerfile',
        aliasesLine: 'docker image build, docker build, docker builder build',
      },
      {
        use: 'prune',
        short: 'Remove build cache',
      },
    ],
  },
  {
    use: 'checkpoint',
    short: 'Manage checkpoints',
    hidden: true,
    children: [
      {
        use: 'create [OPTIONS] CONTAINER CHECKPOINT',
        short: 'Create a checkpoint from a running container',
      },
      {
        use: 'ls [OPTIONS] CONTAINER',
        short: 'List checkpoints for a container',
        aliasesLine: 'docker checkpoint ls, docker checkpoint list',
        aliases: ['list'],
      },
      {
        use: 'rm [OPTIONS] CONTAINER CHECKPOINT',
        short: 'Remove a checkpoint',
        aliasesLine: 'docker checkpoint rm, docker checkpoint remove',
        aliases: ['remove'],
      },
    ],
  },
  {
    use: 'container',
    short: 'Manage containers',
    children: [
      {
        use: 'attach [OPTIONS] CONTAINER',
        short: 'Attach local standard input, output, and error streams to a running container',
        aliasesLine: 'docker container attach, docker attach',
      },
      {
        use: 'commit [OPTIONS] CONTAINER [REPOSITORY[:TAG]]',
        short: "Create a new image from a container's changes",
        aliasesLine: 'docker container commit, docker commit',
      },
      {
        use: 'cp [OPTIONS] CONTAINER:SRC_PATH DEST_PATH|-',
        short: 'Copy files/folders between a container and the local filesystem',
        aliasesLine: 'docker container cp, docker cp',
      },
      {
        use: 'create [OPTIONS] IMAGE [COMMAND] [ARG...]',
        short: 'Create a new container',
        aliasesLine: 'docker container create, docker create',
      },
      {
        use: 'diff CONTAINER',
        short: "Inspect changes to files or directories on a container's filesystem",
        aliasesLine: 'docker container diff, docker diff',
      },
      {
        use: 'exec [OPTIONS] CONTAINER COMMAND [ARG...]',
        short: 'Execute a command in a running container',
        aliasesLine: 'docker container exec, docker exec',
      },
      {
        use: 'export [OPTIONS] CONTAINER',
        short: "Export a container's filesystem as a tar archive",
        aliasesLine: 'docker container export, docker export',
      },
      {
        use: 'inspect [OPTIONS] CONTAINER [CONTAINER...]',
        short: 'Display detailed information on one or more containers',
      },
      {
        use: 'kill [OPTIONS] CONTAINER [CONTAINER...]',
        short: 'Kill one or more running containers',
        aliasesLine: 'docker container kill, docker kill',
      },
      {
        use: 'logs [OPTIONS] CONTAINER',
        short: 'Fetch the logs of a container',
        aliasesLine: 'docker container logs, docker logs',
      },
      {
        use: 'ls [OPTIONS]',
        short: 'List containers',
        aliasesLine: 'docker container ls, docker container list, docker container ps, docker ps',
        aliases: ['list', 'ps'],
      },
      {
        use: 'pause CONTAINER [CONTAINER...]',
        short: 'Pause all processes within one or more containers',
        aliasesLine: 'docker container pause, docker pause',
      },
      {
        use: 'port CONTAINER [PRIVATE_PORT[/PROTO]]',
        short: 'List port mappings or a specific mapping for the container',
        aliasesLine: 'docker container port, docker port',
      },
      {
        use: 'prune [OPTIONS]',
        short: 'Remove all stopped containers',
      },
      {
        use: 'rename CONTAINER NEW_NAME',
        short: 'Rename a container',
        aliasesLine: 'docker container rename, docker rename',
      },
      {
        use: 'restart [OPTIONS] CONTAINER [CONTAINER...]',
        short: 'Restart one or more containers',
        aliasesLine: 'docker container restart, docker restart',
      },
      {
        use: 'rm [OPTIONS] CONTAINER [CONTAINER...]',
        short: 'Remove one or more containers',
        aliasesLine: 'docker container rm, docker container remove, docker rm',
        aliases: ['remove'],
      },
      {
        use: 'run [OPTIONS] IMAGE [COMMAND] [ARG...]',
        short: 'Create and run a new container from an image',
        aliasesLine: 'docker container run, docker run',
      },
      {
        use: 'start [OPTIONS] CONTAINER [CONTAINER...]',
        short: 'Start one or more stopped containers',
        aliasesLine: 'docker container start, docker start',
      },
      {
        use: 'stats [OPTIONS] [CONTAINER...]',
        short: 'Display a live stream of container(s) resource usage statistics',
        aliasesLine: 'docker container stats, docker stats',
      },
      {
        use: 'stop [OPTIONS] CONTAINER [CONTAINER...]',
        short: 'Stop one or more running containers',
        aliasesLine: 'docker container stop, docker stop',
      },
      {
        use: 'top CONTAINER [ps OPTIONS]',
        short: 'Display the running processes of a container',
        aliasesLine: 'docker container top, docker top',
      },
      {
        use: 'unpause CONTAINER [CONTAINER...]',
        short: 'Unpause all processes within one or more containers',
        aliasesLine: 'docker container unpause, docker unpause',
      },
      {
        use: 'update [OPTIONS] CONTAINER [CONTAINER...]',
        short: 'Update configuration of one or more containers',
        aliasesLine: 'docker container update, docker update',
      },
      {
        use: 'wait CONTAINER [CONTAINER...]',
        short: 'Block until one or more containers stop, then print their exit codes',
        aliasesLine: 'docker container wait, docker wait',
      },
    ],
  },
  {
    use: 'context',
    short: 'Manage contexts',
    children: [
      {
        use: 'create [OPTIONS] CONTEXT',
        short: 'Create a context',
      },
      {
        use: 'export [OPTIONS] CONTEXT [FILE|-]',
        short: 'Export a context to a tar archive FILE or a tar stream on STDOUT.',
      },
      {
        use: 'import CONTEXT FILE|-',
        short: 'Import a context from a tar or zip file',
      },
      {
        use: 'inspect [OPTIONS] [CONTEXT] [CONTEXT...]',
        short: 'Display detailed information on one or more contexts',
      },
      {
        use: 'ls [OPTIONS]',
        short: 'List contexts',
        aliasesLine: 'docker context ls, docker context list',
        aliases: ['list'],
      },
      {
        use: 'rm CONTEXT [CONTEXT...]',
        short: 'Remove one or more contexts',
        aliasesLine: 'docker context rm, docker context remove',
        aliases: ['remove'],
      },
      {
        use: 'show',
        short: 'Print the name of the current context',
      },
      {
        use: 'update [OPTIONS] CONTEXT',
        short: 'Update a context',
      },
      {
        use: 'use CONTEXT',
        short: 'Set the current docker context',
      },
    ],
  },
  {
    use: 'image',
    short: 'Manage images',
    children: [
      {
        use: 'build [OPTIONS] PATH | URL | -',
        short: 'Build an image from a Dockerfile',
        aliasesLine: 'docker image build, docker build, docker builder build',
      },
      {
        use: 'history [OPTIONS] IMAGE',
        short: 'Show the history of an image',
        aliasesLine: 'docker image history, docker history',
      },
      {
        use: 'import [OPTIONS] file|URL|- [REPOSITORY[:TAG]]',
        short: 'Import the contents from a tarball to create a filesystem image',
        aliasesLine: 'docker image import, docker import',
      },
      {
        use: 'inspect [OPTIONS] IMAGE [IMAGE...]',
        short: 'Display detailed information on one or more images',
      },
      {
        use: 'load [OPTIONS]',
        short: 'Load an image from a tar archive or STDIN',
        aliasesLine: 'docker image load, docker load',
      },
      {
        use: 'ls [OPTIONS] [REPOSITORY[:TAG]]',
        short: 'List images',
        aliasesLine: 'docker image ls, docker image list, docker images',
        aliases: ['list'],
      },
      {
        use: 'prune [OPTIONS]',
        short: 'Remove unused images',
      },
      {
        use: 'pull [OPTIONS] NAME[:TAG|@DIGEST]',
        short: 'Download an image from a registry',
        aliasesLine: 'docker image pull, docker pull',
      },
      {
        use: 'push [OPTIONS] NAME[:TAG]',
        short: 'Upload an image to a registry',
        aliasesLine: 'docker image push, docker push',
      },
      {
        use: 'rm [OPTIONS] IMAGE [IMAGE...]',
        short: 'Remove one or more images',
        aliasesLine: 'docker image rm, docker image remove, docker rmi',
        aliases: ['remove'],
      },
      {
        use: 'save [OPTIONS] IMAGE [IMAGE...]',
        short: 'Save one or more images to a tar archive (streamed to STDOUT by default)',
        aliasesLine: 'docker image save, docker save',
      },
      {
        use: 'tag SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]',
        short: 'Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE',
        aliasesLine: 'docker image tag, docker tag',
      },
    ],
  },
  {
    use: 'manifest',
    short: 'Manage Docker image manifests and manifest lists',
    children: [
      {
        use: 'annotate [OPTIONS] MANIFEST_LIST MANIFEST',
        short: 'Add additional information to a local image manifest',
      },
      {
        use: 'create MANIFEST_LIST MANIFEST [MANIFEST...]',
        short: 'Create a local manifest list for annotating and pushing to a registry',
      },
      {
        use: 'inspect [OPTIONS] [MANIFEST_LIST] MANIFEST',
        short: 'Display an image manifest, or manifest list',
      },
      {
        use: 'push [OPTIONS] MANIFEST_LIST',
        short: 'Push a manifest list to a repository',
      },
      {
        use: 'rm MANIFEST_LIST [MANIFEST_LIST...]',
        short: 'Delete one or more manifest lists from local storage',
      },
    ],
  },
  {
    use: 'network',
    short: 'Manage networks',
    children: [
      {
        use: 'connect [OPTIONS] NETWORK CONTAINER',
        short: 'Connect a container to a network',
      },
      {
        use: 'create [OPTIONS] NETWORK',
        short: 'Create a network',
      },
      {
        use: 'disconnect [OPTIONS] NETWORK CONTAINER',
        short: 'Disconnect a container from a network',
      },
      {
        use: 'inspect [OPTIONS] NETWORK [NETWORK...]',
        short: 'Display detailed information on one or more networks',
      },
      {
        use: 'ls [OPTIONS]',
        short: 'List networks',
        aliasesLine: 'docker network ls, docker network list',
        aliases: ['list'],
      },
      {
        use: 'prune [OPTIONS]',
        short: 'Remove all unused networks',
      },
      {
        use: 'rm NETWORK [NETWORK...]',
        short: 'Remove one or more networks',
        aliasesLine: 'docker network rm, docker network remove',
        aliases: ['remove'],
      },
    ],
  },
  {
    use: 'plugin',
    short: 'Manage plugins',
    children: [
      {
        use: 'create [OPTIONS] PLUGIN PLUGIN-DATA-DIR',
        short:
          'Create a plugin from a rootfs and configuration. Plugin data directory must contain config.json and rootfs directory.',
      },
      {
        use: 'disable [OPTIONS] PLUGIN',
        short: 'Disable a plugin',
      },
      {
        use: 'enable [OPTIONS] PLUGIN',
        short: 'Enable a plugin',
      },
      {
        use: 'inspect [OPTIONS] PLUGIN [PLUGIN...]',
        short: 'Display detailed information on one or more plugins',
      },
      {
        use: 'install [OPTIONS] PLUGIN [KEY=VALUE...]',
        short: 'Install a plugin',
      },
      {
        use: 'ls [OPTIONS]',
        short: 'List plugins',
        aliasesLine: 'docker plugin ls, docker plugin list',
        aliases: ['list'],
      },
      {
        use: 'push [OPTIONS] PLUGIN[:TAG]',
        short: 'Push a plugin to a registry',
      },
      {
        use: 'rm [OPTIONS] PLUGIN [PLUGIN...]',
        short: 'Remove one or more plugins',
        aliasesLine: 'docker plugin rm, docker plugin remove',
        aliases: ['remove'],
      },
      {
        use: 'set PLUGIN KEY=VALUE [KEY=VALUE...]',
        short: 'Change settings for a plugin',
      },
      {
        use: 'upgrade [OPTIONS] PLUGIN [REMOTE]',
        short: 'Upgrade an existing plugin',
      },
    ],
  },
  {
    use: 'system',
    short: 'Manage Docker',
    children: [
      {
        use: 'df [OPTIONS]',
        short: 'Show docker disk usage',
      },
      {
        use: 'events [OPTIONS]',
        short: 'Get real time events from the server',
        aliasesLine: 'docker system events, docker events',
      },
      {
        use: 'info [OPTIONS]',
        short: 'Display system-wide information',
        aliasesLine: 'docker system info, docker info',
      },
      {
        use: 'prune [OPTIONS]',
        short: 'Remove unused data',
      },
    ],
  },
  {
    use: 'trust',
    short: 'Manage trust on Docker images',
    children: [
      {
        use: 'inspect IMAGE[:TAG] [IMAGE[:TAG]...]',
        short: 'Return low-level information about keys and signatures',
      },
      {
        use: 'revoke [OPTIONS] IMAGE[:TAG]',
        short: 'Remove trust for an image',
      },
      {
        use: 'sign IMAGE:TAG',
        short: 'Sign an image',
      },
    ],
  },
  {
    use: 'volume',
    short: 'Manage volumes',
    children: [
      {
        use: 'create [OPTIONS] [VOLUME]',
        short: 'Create a volume',
      },
      {
        use: 'inspect [OPTIONS] VOLUME [VOLUME...]',
        short: 'Display detailed information on one or more volumes',
      },
      {
        use: 'ls [OPTIONS]',
        short: 'List volumes',
        aliasesLine: 'docker volume ls, docker volume list',
        aliases: ['list'],
      },
      {
        use: 'prune [OPTIONS]',
        short: 'Remove unused local volumes',
      },
      {
        use: 'rm [OPTIONS] VOLUME [VOLUME...]',
        short: 'Remove one or more volumes',
        aliasesLine: 'docker volume rm, docker volume remove',
        aliases: ['remove'],
      },
      {
        use: 'update [OPTIONS] [VOLUME]',
        short: 'Update a volume (cluster volumes only)',
      },
    ],
  },
  {
    use: 'config',
    short: 'Manage Swarm configs',
    swarm: true,
    children: [
      {
        use: 'create [OPTIONS] CONFIG file|-',
        short: 'Create a config from a file or STDIN',
      },
      {
        use: 'inspect [OPTIONS] CONFIG [CONFIG...]',
        short: 'Display detailed information on one or more configs',
      },
      {
        use: 'ls [OPTIONS]',
        short: 'List configs',
        aliasesLine: 'docker config ls, docker config list',
        aliases: ['list'],
      },
      {
        use: 'rm CONFIG [CONFIG...]',
        short: 'Remove one or more configs',
        aliasesLine: 'docker config rm, docker config remove',
        aliases: ['remove'],
      },
    ],
  },
  {
    use: 'node',
    short: 'Manage Swarm nodes',
    swarm: true,
    children: [
      {
        use: 'demote NODE [NODE...]',
        short: 'Demote one or more nodes from manager in the swarm',
      },
      {
        use: 'inspect [OPTIONS] self|NODE [NODE...]',
        short: 'Display detailed information on one or more nodes',
      },
      {
        use: 'ls [OPTIONS]',
        short: 'List nodes in the swarm',
        aliasesLine: 'docker node ls, docker node list',
        aliases: ['list'],
      },
      {
        use: 'promote NODE [NODE...]',
        short: 'Promote one or more nodes to manager in the swarm',
      },
      {
        use: 'ps [OPTIONS] [NODE...]',
        short: 'List tasks running on one or more nodes, defaults to current node',
      },
      {
        use: 'rm [OPTIONS] NODE [NODE...]',
        short: 'Remove one or more nodes from the swarm',
        aliasesLine: 'docker node rm, docker node remove',
        aliases: ['remove'],
      },
      {
        use: 'update [OPTIONS] NODE',
        short: 'Update a node',
      },
    ],
  },
  {
    use: 'secret',
    short: 'Manage Swarm secrets',
    swarm: true,
    children: [
      {
        use: 'create [OPTIONS] SECRET [file|-]',
        short: 'Create a secret from a file or STDIN as content',
      },
      {
        use: 'inspect [OPTIONS] SECRET [SECRET...]',
        short: 'Display detailed information on one or more secrets',
      },
      {
        use: 'ls [OPTIONS]',
        short: 'List secrets',
        aliasesLine: 'docker secret ls, docker secret list',
        aliases: ['list'],
      },
      {
        use: 'rm SECRET [SECRET...]',
        short: 'Remove one or more secrets',
        aliasesLine: 'docker secret rm, docker secret remove',
        aliases: ['remove'],
      },
    ],
  },
  {
    use: 'service',
    short: 'Manage Swarm services',
    swarm: true,
    children: [
      {
        use: 'create [OPTIONS] IMAGE [COMMAND] [ARG...]',
        short: 'Create a new service',
      },
      {
        use: 'inspect [OPTIONS] SERVICE [SERVICE...]',
        short: 'Display detailed information on one or more services',
      },
      {
        use: 'logs [OPTIONS] SERVICE|TASK',
        short: 'Fetch the logs of a service or task',
      },
      {
        use: 'ls [OPTIONS]',
        short: 'List services',
        aliasesLine: 'docker service ls, docker service list',
        aliases: ['list'],
      },
      {
        use: 'ps [OPTIONS] SERVICE [SERVICE...]',
        short: 'List the tasks of one or more services',
      },
      {
        use: 'rm SERVICE [SERVICE...]',
        short: 'Remove one or more services',
        aliasesLine: 'docker service rm, docker service remove',
        aliases: ['remove'],
      },
      {
        use: 'rollback [OPTIONS] SERVICE',
        short: "Revert changes to a service's configuration",
      },
      {
        use: 'scale SERVICE=REPLICAS [SERVICE=REPLICAS...]',
        short: 'Scale one or multiple replicated services',
      },
      {
        use: 'update [OPTIONS] SERVICE',
        short: 'Update a service',
      },
    ],
  },
  {
    use: 'stack',
    short: 'Manage Swarm stacks',
    swarm: true,
    children: [
      {
        use: 'config [OPTIONS]',
        short: 'Outputs the final config file, after doing merges and interpolations',
      },
      {
        use: 'deploy [OPTIONS] STACK',
        short: 'Deploy a new stack or update an existing stack',
        aliasesLine: 'docker stack deploy, docker stack up',
        aliases: ['up'],
      },
      {
        use: 'ls [OPTIONS]',
        short: 'List stacks',
        aliasesLine: 'docker stack ls, docker stack list',
        aliases: ['list'],
      },
      {
        use: 'ps [OPTIONS] STACK',
        short: 'List the tasks in the stack',
      },
      {
        use: 'rm [OPTIONS] STACK [STACK...]',
        short: 'Remove one or more stacks',
        aliasesLine: 'docker stack rm, docker stack remove, docker stack down',
        aliases: ['remove', 'down'],
      },
      {
        use: 'services [OPTIONS] STACK',
        short: 'List the services in the stack',
      },
    ],
  },
  {
    use: 'swarm',
    short: 'Manage Swarm',
    swarm: true,
    children: [
      {
        use: 'ca [OPTIONS]',
        short: 'Display and rotate the root CA',
      },
      {
        use: 'init [OPTIONS]',
        short: 'Initialize a swarm',
      },
      {
        use: 'join [OPTIONS] HOST:PORT',
        short: 'Join a swarm as a node and/or manager',
      },
      {
        use: 'join-token [OPTIONS] (worker|manager)',
        short: 'Manage join tokens',
      },
      {
        use: 'leave [OPTIONS]',
        short: 'Leave the swarm',
      },
      {
        use: 'unlock',
        short: 'Unlock swarm',
      },
      {
        use: 'unlock-key [OPTIONS]',
        short: 'Manage the unlock key',
      },
      {
        use: 'update [OPTIONS]',
        short: 'Update the swarm',
      },
    ],
  },
  {
    use: 'attach [OPTIONS] CONTAINER',
    short: 'Attach local standard input, output, and error streams to a running container',
    aliasesLine: 'docker container attach, docker attach',
  },
  {
    use: 'commit [OPTIONS] CONTAINER [REPOSITORY[:TAG]]',
    short: "Create a new image from a container's changes",
    aliasesLine: 'docker container commit, docker commit',
  },
  {
    use: 'cp [OPTIONS] CONTAINER:SRC_PATH DEST_PATH|-',
    short: 'Copy files/folders between a container and the local filesystem',
    aliasesLine: 'docker container cp, docker cp',
  },
  {
    use: 'create [OPTIONS] IMAGE [COMMAND] [ARG...]',
    short: 'Create a new container',
    aliasesLine: 'docker container create, docker create',
  },
  {
    use: 'diff CONTAINER',
    short: "Inspect changes to files or directories on a container's filesystem",
    aliasesLine: 'docker container diff, docker diff',
  },
  {
    use: 'events [OPTIONS]',
    short: 'Get real time events from the server',
    aliasesLine: 'docker system events, docker events',
  },
  {
    use: 'export [OPTIONS] CONTAINER',
    short: "Export a container's filesystem as a tar archive",
    aliasesLine: 'docker container export, docker export',
  },
  {
    use: 'history [OPTIONS] IMAGE',
    short: 'Show the history of an image',
    aliasesLine: 'docker image history, docker history',
  },
  {
    use: 'import [OPTIONS] file|URL|- [REPOSITORY[:TAG]]',
    short: 'Import the contents from a tarball to create a filesystem image',
    aliasesLine: 'docker image import, docker import',
  },
  {
    use: 'inspect [OPTIONS] NAME|ID [NAME|ID...]',
    short: 'Return low-level information on Docker objects',
  },
  {
    use: 'kill [OPTIONS] CONTAINER [CONTAINER...]',
    short: 'Kill one or more running containers',
    aliasesLine: 'docker container kill, docker kill',
  },
  {
    use: 'load [OPTIONS]',
    short: 'Load an image from a tar archive or STDIN',
    aliasesLine: 'docker image load, docker load',
  },
  {
    use: 'logs [OPTIONS] CONTAINER',
    short: 'Fetch the logs of a container',
    aliasesLine: 'docker container logs, docker logs',
  },
  {
    use: 'pause CONTAINER [CONTAINER...]',
    short: 'Pause all processes within one or more containers',
    aliasesLine: 'docker container pause, docker pause',
  },
  {
    use: 'port CONTAINER [PRIVATE_PORT[/PROTO]]',
    short: 'List port mappings or a specific mapping for the container',
    aliasesLine: 'docker container port, docker port',
  },
  {
    use: 'rename CONTAINER NEW_NAME',
    short: 'Rename a container',
    aliasesLine: 'docker container rename, docker rename',
  },
  {
    use: 'restart [OPTIONS] CONTAINER [CONTAINER...]',
    short: 'Restart one or more containers',
    aliasesLine: 'docker container restart, docker restart',
  },
  {
    use: 'rm [OPTIONS] CONTAINER [CONTAINER...]',
    short: 'Remove one or more containers',
    aliasesLine: 'docker container rm, docker container remove, docker rm',
  },
  {
    use: 'rmi [OPTIONS] IMAGE [IMAGE...]',
    short: 'Remove one or more images',
    aliasesLine: 'docker image rm, docker image remove, docker rmi',
  },
  {
    use: 'save [OPTIONS] IMAGE [IMAGE...]',
    short: 'Save one or more images to a tar archive (streamed to STDOUT by default)',
    aliasesLine: 'docker image save, docker save',
  },
  {
    use: 'start [OPTIONS] CONTAINER [CONTAINER...]',
    short: 'Start one or more stopped containers',
    aliasesLine: 'docker container start, docker start',
  },
  {
    use: 'stats [OPTIONS] [CONTAINER...]',
    short: 'Display a live stream of container(s) resource usage statistics',
    aliasesLine: 'docker container stats, docker stats',
  },
  {
    use: 'stop [OPTIONS] CONTAINER [CONTAINER...]',
    short: 'Stop one or more running containers',
    aliasesLine: 'docker container stop, docker stop',
  },
  {
    use: 'tag SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]',
    short: 'Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE',
    aliasesLine: 'docker image tag, docker tag',
  },
  {
    use: 'top CONTAINER [ps OPTIONS]',
    short: 'Display the running processes of a container',
    aliasesLine: 'docker container top, docker top',
  },
  {
    use: 'unpause CONTAINER [CONTAINER...]',
    short: 'Unpause all processes within one or more containers',
    aliasesLine: 'docker container unpause, docker unpause',
  },
  {
    use: 'update [OPTIONS] CONTAINER [CONTAINER...]',
    short: 'Update configuration of one or more containers',
    aliasesLine: 'docker container update, docker update',
  },
  {
    use: 'wait CONTAINER [CONTAINER...]',
    short: 'Block until one or more containers stop, then print their exit codes',
    aliasesLine: 'docker container wait, docker wait',
  },
];
